import { vi } from 'vitest'
import { validateBatch } from '../../collector/ingest/validate-batch'
import type { SurveyRecord } from '../../src/types'

/**
 * What stands between the page and the collector for one request: a reply (`body` replaces
 * the collector's own), or a request that hangs, fails, or is stored and then loses its reply.
 * Undefined: the collector answers as the reference one does.
 */
export type Fault =
  | { status: number; headers?: Record<string, string>; delayMs?: number; body?: unknown }
  | { delayMs: number }
  | 'hang'
  | 'store-then-reset'
  | 'network-error'
  /** The collector refuses the request's first answer as invalid, and stores the others. */
  | 'reject-first'

export interface Request {
  url: string
  ids: string[]
  bytes: number
  keepalive: boolean
  idempotencyKey: string | null
  /** The `X-Tab` header, where a test names its tabs. */
  tab: string | null
  at: number
  /** What the sender saw: the HTTP status, or `'failed'` (reset, refused, aborted); undefined while open. */
  outcome?: number | 'failed'
  /** The ids its reply confirmed as stored: all of a 2xx, those a 400 names in `stored`. */
  confirmed: string[]
}

/**
 * Merges a later copy of a record into its stored row as the collector's stores do
 * (`collector/sqlite-store.ts`): the first copy decides the rest, the first score (a display
 * has none) decides the score, a later comment or reasons replace the stored ones, and
 * `complete` and `dismissed` only ever turn on.
 */
export const mergeCopy = (row: SurveyRecord | undefined, copy: SurveyRecord): SurveyRecord => {
  if (!row) return copy
  const merged = { ...row, complete: row.complete || copy.complete } as SurveyRecord & { dismissed?: boolean }
  if (row.score === undefined && copy.score !== undefined) merged.score = copy.score
  if ('dismissed' in copy && copy.dismissed) merged.dismissed = true
  const comment = copy.comment ?? row.comment
  if (comment !== undefined) merged.comment = comment
  const reasons = copy.reasons ?? row.reasons
  if (reasons !== undefined) merged.reasons = reasons
  return merged
}

/** The rows the collector should hold for these copies, given in this order: one per id, ordered by id. */
export const rowsFor = (copies: SurveyRecord[]): SurveyRecord[] => {
  const rows = new Map<string, SurveyRecord>()
  for (const copy of copies) rows.set(copy.id, mergeCopy(rows.get(copy.id), copy))
  return [...rows.values()].sort((a, b) => a.id.localeCompare(b.id))
}

const ok = (status: number) => status >= 200 && status < 300
const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })

/**
 * A stand-in for the reference collector behind `fetch`: it checks each answer with the
 * collector's own `validateBatch` (a batch with invalid answers stores the valid ones and is
 * answered `400 { stored, rejected }`), merges copies as its stores do, and records every
 * request and what the sender saw of it.
 */
export const fakeCollector = () => {
  const table = new Map<string, SurveyRecord>()
  const requests: Request[] = []
  const open = new Map<string, Request[]>()
  /** Ids that arrived while another request carrying the same id was still open, and from which tabs. */
  const overlaps: { id: string; tabs: (string | null)[] }[] = []
  let fault: (request: Request, index: number) => Fault | undefined = () => undefined

  const store = (answers: SurveyRecord[]) => answers.forEach((answer) => table.set(answer.id, mergeCopy(table.get(answer.id), answer)))

  // What the reference collector does with a body it can read: store the valid answers, name the
  // others (and the first as well, when told to refuse it).
  const collect = (body: unknown, refuseFirst = false): Response => {
    const check = validateBatch(body)
    if (!check.ok) return json({ error: 'invalid batch', errors: check.errors }, 400)
    const first = (body as { answers: SurveyRecord[] }).answers[0]
    const refused = refuseFirst ? [{ index: 0, id: first.id, errors: [{ path: 'answers.0', message: 'refused' }] }] : []
    const valid = check.valid.filter((answer) => !refuseFirst || answer.id !== first.id)
    const rejected = [...refused, ...check.rejected.filter((entry) => !refuseFirst || entry.index !== 0)]
    store(valid)
    const stored = valid.map((answer) => answer.id)
    if (rejected.length) return json({ error: 'invalid answers', stored, rejected }, 400)
    return json({ stored })
  }

  // Waits, unless the sender aborts first (a beacon cannot): then the request fails, as fetch does.
  const wait = (ms: number, signal?: AbortSignal | null) =>
    new Promise<void>((resolve, reject) => {
      const timer = ms < Infinity ? setTimeout(resolve, ms) : undefined
      signal?.addEventListener('abort', () => {
        clearTimeout(timer)
        reject(new DOMException('aborted', 'AbortError'))
      })
    })

  const reply = async (what: Fault | undefined, body: unknown, init: RequestInit): Promise<Response> => {
    if (what === 'hang') return wait(Infinity, init.signal).then(() => json({}))
    if (what === 'network-error') throw new TypeError('Failed to fetch')
    if (what === 'store-then-reset') {
      collect(body)
      throw new TypeError('connection reset')
    }
    if (what === 'reject-first') return collect(body, true)
    if (what?.delayMs) await wait(what.delayMs, init.signal)
    if (!what || !('status' in what)) return collect(body)
    // A 2xx of another kind (202, 204) is the collector's own success told otherwise; what it refuses, it still refuses.
    if (ok(what.status)) {
      const response = collect(body)
      if (!ok(response.status)) return response
    }
    const text = what.status === 204 ? null : JSON.stringify(what.body ?? {})
    return new Response(text, { status: what.status, headers: what.headers })
  }

  const fetch = vi.fn(async (url: string, init: RequestInit) => {
    const text = String(init.body)
    const body = JSON.parse(text)
    const headers = new Headers(init.headers)
    const request: Request = {
      url,
      ids: body.answers.map((answer: SurveyRecord) => answer.id),
      bytes: new TextEncoder().encode(text).length,
      keepalive: !!init.keepalive,
      idempotencyKey: headers.get('Idempotency-Key'),
      tab: headers.get('X-Tab'),
      at: Date.now(),
      confirmed: []
    }
    requests.push(request)
    for (const id of request.ids) {
      const others = open.get(id) ?? []
      if (others.length) overlaps.push({ id, tabs: [...others.map((other) => other.tab), request.tab] })
      open.set(id, [...others, request])
    }
    try {
      const response = await reply(fault(request, requests.length - 1), body, init)
      request.outcome = response.status
      const said = await response.clone().json().catch(() => ({}))
      request.confirmed = ok(response.status) ? request.ids : Array.isArray(said.stored) ? said.stored : []
      return response
    } catch (error) {
      request.outcome = 'failed'
      throw error
    } finally {
      for (const id of request.ids) open.set(id, open.get(id)!.filter((other) => other !== request))
    }
  })

  return {
    fetch,
    requests,
    overlaps,
    /** The stored rows, one per answer id as in the collector's table, ordered by id. */
    rows: () => [...table.values()].sort((a, b) => a.id.localeCompare(b.id)),
    /** How many replies the senders saw confirming this id as stored. */
    confirmations: (id: string) => requests.filter((request) => request.confirmed.includes(id)).length,
    /** How many requests carried this id. */
    sends: (id: string) => requests.filter((request) => request.ids.includes(id)).length,
    /** Decides the reply to each request; undefined lets the collector answer. */
    failWith(next: typeof fault) {
      fault = next
    }
  }
}
