import type { Transport } from '../types'
import { resultOf } from './result-of'

/** A request that has not answered in this time is aborted and retried. */
export const TIMEOUT_MS = 15_000

/**
 * Posts `{"answers": [...]}` as JSON. `Idempotency-Key` carries the answer ids
 * so that a server can recognise a repeated request.
 *
 * @example
 * init({ transport: fetchTransport('https://example.com/api/answers', { Authorization: 'Bearer …' }) })
 */
export const fetchTransport =
  (endpoint: string, headers: Record<string, string> = {}): Transport =>
  async (answers, { keepalive }) => {
    const controller = new AbortController()
    const timer = setTimeout(() => controller.abort(), TIMEOUT_MS)
    try {
      const response = await fetch(endpoint, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'Idempotency-Key': answers.map((answer) => answer.id).join(','),
          ...headers
        },
        body: JSON.stringify({ answers }),
        keepalive,
        credentials: 'omit',
        signal: controller.signal
      })
      return resultOf(response.status, response.headers.get('Retry-After'))
    } catch {
      return { ok: false, retry: true }
    } finally {
      clearTimeout(timer)
    }
  }
