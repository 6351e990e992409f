import type { SurveyRecord, Transport } from '../types'

/**
 * Hands a batch to `navigator.sendBeacon` as `text/plain`, which needs no CORS
 * preflight. True when the browser took it — not that the endpoint stored it.
 */
export const sendBeacon =
  (endpoint: string) =>
  (answers: SurveyRecord[]): boolean => {
    try {
      return navigator.sendBeacon(endpoint, new Blob([JSON.stringify({ answers })], { type: 'text/plain;charset=UTF-8' }))
    } catch {
      return false
    }
  }

/**
 * The beacon as a transport, for endpoints that only take beacons. A batch
 * counts as delivered once the browser has taken it: unlike the fetch
 * transport, a reply is never seen, so an answer lost on the way is not retried.
 *
 * @example
 * init({ transport: beaconTransport('https://example.com/api/answers'), surveys })
 */
export const beaconTransport = (endpoint: string): Transport => {
  const beam = sendBeacon(endpoint)
  return async (answers) => (beam(answers) ? { ok: true } : { ok: false, retry: true })
}
