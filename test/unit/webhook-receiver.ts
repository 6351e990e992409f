import http, { type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'

/** How the receiver answers the next requests: 200, 500, 429 with `Retry-After: 1`, a redirect, or never (the request hangs). */
export type ReceiverMode = 'ok' | 'fail' | 'busy' | 'redirect' | 'hang'

const replies = {
  ok: { status: 200, headers: {}, body: 'ok' },
  fail: { status: 500, headers: {}, body: 'receiver broken' },
  busy: { status: 429, headers: { 'Retry-After': '1' }, body: '' },
  redirect: { status: 302, headers: { Location: 'https://elsewhere.example/' }, body: '' }
}

export interface Received {
  key: string
  body: string
  headers: IncomingMessage['headers']
  /** ms since 1970, when the body was in. */
  at: number
  /** The status answered; undefined for a request left hanging. */
  status?: number
}

/**
 * A webhook receiver on loopback, as a customer would run one: it records every request,
 * answers as `mode` says (after `delayMs`), and counts how many requests of one
 * Idempotency-Key were under way at the same moment.
 */
export const startReceiver = async ({ delayMs = 0 } = {}) => {
  let mode: ReceiverMode = 'ok'
  const received: Received[] = []
  const underWay = new Map<string, number>()
  let mostAtOnce = 0
  const hanging = new Set<http.ServerResponse>()
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const key = String(request.headers['idempotency-key'])
      const entry: Received = { key, body: Buffer.concat(chunks).toString('utf8'), headers: request.headers, at: Date.now() }
      received.push(entry)
      underWay.set(key, (underWay.get(key) ?? 0) + 1)
      mostAtOnce = Math.max(mostAtOnce, underWay.get(key)!)
      const done = () => underWay.set(key, underWay.get(key)! - 1)
      if (mode === 'hang') {
        hanging.add(response)
        response.on('close', done)
        return
      }
      const reply = replies[mode]
      setTimeout(() => {
        entry.status = reply.status
        response.writeHead(reply.status, { 'Content-Type': 'text/plain', ...reply.headers })
        response.end(reply.body)
        done()
      }, delayMs)
    })
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url,
    received,
    /** The keys answered 200, each once: what a receiver that drops repeats has kept. */
    deduplicated: () => new Set(received.filter((entry) => entry.status === 200).map((entry) => entry.key)),
    /** How many requests of one key were under way at once, at most. */
    mostAtOnce: () => mostAtOnce,
    setMode(next: ReceiverMode) {
      mode = next
    },
    async close() {
      for (const response of hanging) response.destroy()
      server.closeAllConnections()
      await new Promise((done) => server.close(done))
    }
  }
}

export type Receiver = Awaited<ReturnType<typeof startReceiver>>

/** Waits until `check` holds, looking every 20 ms for at most `ms`; returns whether it did. */
export const eventually = async (check: () => boolean | Promise<boolean>, ms = 10_000) => {
  const until = Date.now() + ms
  while (Date.now() < until) {
    if (await check()) return true
    await new Promise((wait) => setTimeout(wait, 20))
  }
  return check()
}
