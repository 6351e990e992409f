import type { Transport } from '../types'
import { forwardTo } from './forward-to'

/**
 * Sends each answer to Segment or RudderStack as `analytics.track(event, answer)`.
 * A follow-up comment arrives as a second event with the same `id` and `complete: true`.
 *
 * @example
 * import { init, segmentTransport } from 'sayso'
 * init({ transport: segmentTransport(), surveys })
 */
export const segmentTransport = (event = 'Survey Answered'): Transport =>
  forwardTo<{ track(event: string, properties: object): void }>('Segment or RudderStack', 'analytics', (analytics, answer) =>
    analytics.track(event, answer)
  )
