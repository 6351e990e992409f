import { createHmac } from 'node:crypto'

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
const retryAfterMs = (header: string | null, now: number) => {
  if (!header) return undefined
  const ms = /^\d+$/.test(header.trim()) ? Number(header) * 1000 : Date.parse(header) - now
  return Number.isFinite(ms) && ms > 0 ? ms : undefined
}

/**
 * One try of one delivery: a POST of `body`, `delivered` on a 2xx only. A redirect is a
 * failure (following it would turn the POST into a GET, or post the answer elsewhere).
 */
export const postHook = async (url: string, body: string, { idempotencyKey, secret, timeoutMs, stop }: PostOptions): Promise<PostResult> => {
  const headers: Record<string, string> = { 'Content-Type': 'application/json', 'Idempotency-Key': idempotencyKey, 'User-Agent': 'sayso-collector' }
  if (secret) headers['X-Sayso-Signature'] = signature(secret, body)
  try {
    const response = await fetch(url, { method: 'POST', headers, body, redirect: 'manual', signal: AbortSignal.any([stop, AbortSignal.timeout(timeoutMs)]) })
    if (response.status >= 200 && response.status < 300) {
      await response.body?.cancel()
      return { outcome: 'delivered' }
    }
    const said = (await response.text()).slice(0, 200).trim()
    return { outcome: 'failed', error: `HTTP ${response.status}${said ? `: ${said}` : ''}`, retryAfterMs: retryAfterMs(response.headers.get('retry-after'), Date.now()) }
  } catch (error) {
    if (stop.aborted) return { outcome: 'stopped' }
    const { name, message, cause } = error as Error & { cause?: { code?: string; message?: string } }
    if (name === 'TimeoutError') return { outcome: 'failed', error: `no answer within ${timeoutMs} ms` }
    return { outcome: 'failed', error: cause?.code ?? cause?.message ?? message }
  }
}
