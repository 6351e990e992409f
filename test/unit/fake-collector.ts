import { vi } from 'vitest'
import type { Answer } from '../../src/types'

export type Fault =
  | { status: number; headers?: Record<string, string>; delayMs?: number }
  | 'hang'
  | 'store-then-reset'
  | 'network-error'

export interface Request {
  ids: string[]
  bytes: number
  keepalive: boolean
  idempotencyKey: string | null
  at: number
}

/**
 * A stand-in for the collector behind `fetch`: it records every request and
 * keeps one row per answer id, merging copies as the real one does.
 */
export const fakeCollector = () => {
  const rows = new Map<string, Answer>()
  const requests: Request[] = []
  const inFlight = new Set<string>()
  /** Ids that arrived while another request with the same id was still open. */
  const overlaps: string[] = []
  let fault: (request: Request, index: number) => Fault | undefined = () => undefined
  const store = (answers: Answer[]) => {
    for (const answer of answers) {
      const row = rows.get(answer.id)
      rows.set(answer.id, row ? { ...row, complete: row.complete || answer.complete, comment: row.comment ?? answer.comment } : answer)
    }
  }
  const fetch = vi.fn(async (_url: string, init: RequestInit) => {
    const body = String(init.body)
    const answers: Answer[] = JSON.parse(body).answers
    const request: Request = {
      ids: answers.map((answer) => answer.id),
      bytes: new TextEncoder().encode(body).length,
      keepalive: !!init.keepalive,
      idempotencyKey: new Headers(init.headers).get('Idempotency-Key'),
      at: Date.now()
    }
    requests.push(request)
    for (const id of request.ids) {
      if (inFlight.has(id)) overlaps.push(id)
      inFlight.add(id)
    }
    const what = fault(request, requests.length - 1)
    try {
      return await reply(what, answers, init)
    } finally {
      request.ids.forEach((id) => inFlight.delete(id))
    }
  })
  const reply = async (what: Fault | undefined, answers: Answer[], init: RequestInit): Promise<Response> => {
    if (what === 'hang') {
      return new Promise<Response>((_, reject) =>
        init.signal!.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')))
      )
    }
    if (what === 'network-error') throw new TypeError('Failed to fetch')
    if (what === 'store-then-reset') {
      store(answers)
      throw new TypeError('connection reset')
    }
    if (what?.delayMs) await new Promise((wait) => setTimeout(wait, what.delayMs))
    const status = what?.status ?? 200
    if (status >= 200 && status < 300) store(answers)
    return new Response(status === 204 ? null : '{}', { status, headers: what?.headers })
  }
  return {
    fetch,
    rows,
    requests,
    overlaps,
    /** Decides the reply to each request; undefined means 200. */
    failWith(next: typeof fault) {
      fault = next
    },
    sentIds: () => requests.flatMap((request) => request.ids)
  }
}
