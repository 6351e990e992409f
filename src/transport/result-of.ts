import type { TransportResult } from '../types'

/**
 * What an HTTP reply means for the queue (docs/delivery.md, rule 5).
 * `Retry-After` is seconds or an HTTP date; an unreadable one counts as 60 s.
 */
export const resultOf = (status: number, retryAfter: string | null, now = Date.now()): TransportResult => {
  if (status > 199 && status < 300) return { ok: true }
  const retry = status > 499 || [408, 425, 429].includes(status)
  if (!retry || retryAfter === null) return { ok: false, retry, status }
  const at = /^\s*\d+\s*$/.test(retryAfter) ? now + 1000 * +retryAfter : Date.parse(retryAfter)
  return { ok: false, retry, status, retryAfterMs: at ? Math.max(0, at - now) : 60_000 }
}
