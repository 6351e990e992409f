import type { Transport } from '../types'
import { resultOf } from './result-of'

/** A request that has not answered in this time is aborted and retried. */
export const TIMEOUT_MS = 15_000

// The ids a refusal names, in a body such as the reference collector's
// `{ stored: [ids], rejected: [{ index, id, errors }] }`; undefined when it names none.
const namedIn = async (response: Response): Promise<string[] | undefined> => {
  try {
    return (await response.json()).rejected.map((entry: { id: string }) => entry.id)
  } catch {
    return undefined
  }
}

/**
 * Posts `{"answers": [...]}` as JSON. `Idempotency-Key` carries the answer ids
 * so that a server can recognise a repeated request. A refusal that names the
 * answers it rejects (`{ rejected: [{ id }] }`) says so in `rejected`.
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
      const result = resultOf(response.status, response.headers.get('Retry-After'))
      if (result.ok || result.retry) return result
      return { ...result, rejected: await namedIn(response) }
    } catch {
      return { ok: false, retry: true }
    } finally {
      clearTimeout(timer)
    }
  }
