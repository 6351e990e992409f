import type { Transport } from '../types'
import { eventOf, forwardTo, type DisplayEvents } from './forward-to'

/**
 * Sends each answer to Segment or RudderStack as `analytics.track(event, answer)`.
 * A follow-up comment arrives as a second event with the same `id` and `complete: true`.
 * A survey shown is tracked as `Survey Shown`, one closed unanswered as `Survey Dismissed`,
 * each with the display (no `score`) as its properties.
 *
 * @example
 * import { init, segmentTransport } from 'sayso'
 * init({ transport: segmentTransport(), surveys })
 */
export const segmentTransport = (event = 'Survey Answered', { shown = 'Survey Shown', dismissed = 'Survey Dismissed' }: DisplayEvents = {}): Transport =>
  forwardTo<{ track(event: string, properties: object): void }>('Segment or RudderStack', 'analytics', (analytics, record) =>
    analytics.track(eventOf(record, event, { shown, dismissed }), record)
  )
