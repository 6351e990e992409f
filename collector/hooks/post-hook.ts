import { createHmac } from 'node:crypto'
import http from 'node:http'
import https from 'node:https'

export type PostResult = { outcome: 'delivered' } | { outcome: 'failed'; error: string; retryAfterMs?: number } | { outcome: 'stopped' }

export interface PostOptions {
  /** `<answer id>:<hook index>`: the same on every try, so that a receiver can drop repeats. */
  idempotencyKey: string
  secret?: string
  /** A receiver that has not answered by then is given up on for this try. */
  timeoutMs: number
  /** Aborted when the collector stops. */
  stop: AbortSignal
}

/** `sha256=` and the hex HMAC-SHA256 of the body, as `X-Sayso-Signature` carries it. */
export const signature = (secret: string, body: string) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`

// Seconds, or an HTTP date.
const retryAfterMs = (header: string | undefined, now: number) => {
  if (!header) return undefined
  const ms = /^\d+$/.test(header.trim()) ? Number(header) * 1000 : Date.parse(header) - now
  return Number.isFinite(ms) && ms > 0 ? ms : undefined
}

// Connections kept open between tries and deliveries: a hook is usually posted to again soon.
// node:http rather than fetch: it costs half the CPU a request, which ingestion shares.
const agents = { 'http:': new http.Agent({ keepAlive: true }), 'https:': new https.Agent({ keepAlive: true }) }

/** What a receiver says besides its status, for the dashboard's last error. */
const MAX_SAID = 200

class Timeout extends Error {}

/**
 * One try of one delivery: a POST of `body`, `delivered` on a 2xx only. A redirect is a
 * failure (following it would turn the POST into a GET, or post the answer elsewhere).
 * `timeoutMs` bounds the whole exchange, a receiver that sends its reply slowly included.
 */
export const postHook = (url: string, body: string, { idempotencyKey, secret, timeoutMs, stop }: PostOptions): Promise<PostResult> =>
  new Promise((resolve) => {
    const target = new URL(url)
    const headers: Record<string, string | number> = {
      'Content-Type': 'application/json',
      'Content-Length': Buffer.byteLength(body),
      'Idempotency-Key': idempotencyKey,
      'User-Agent': 'sayso-collector'
    }
    if (secret) headers['X-Sayso-Signature'] = signature(secret, body)
    const client = target.protocol === 'https:' ? https : http
    const request = client.request(target, { method: 'POST', headers, agent: agents[target.protocol as 'http:' | 'https:'], signal: stop }, (response) => {
      const status = response.statusCode ?? 0
      let said = ''
      response.setEncoding('utf8')
      response.on('data', (chunk: string) => {
        if (said.length < MAX_SAID) said += chunk
      })
      response.on('end', () => {
        clearTimeout(deadline)
        if (status >= 200 && status < 300) return resolve({ outcome: 'delivered' })
        const text = said.slice(0, MAX_SAID).trim()
        const retryAfter = response.headers['retry-after']
        resolve({ outcome: 'failed', error: `HTTP ${status}${text ? `: ${text}` : ''}`, retryAfterMs: retryAfterMs(retryAfter, Date.now()) })
      })
    })
    const deadline = setTimeout(() => request.destroy(new Timeout()), timeoutMs)
    request.on('error', (error: Error & { code?: string }) => {
      clearTimeout(deadline)
      if (stop.aborted) resolve({ outcome: 'stopped' })
      else if (error instanceof Timeout) resolve({ outcome: 'failed', error: `no answer within ${timeoutMs} ms` })
      else resolve({ outcome: 'failed', error: error.code ?? error.message })
    })
    request.end(body)
  })
