import type { Transport } from '../types'
import { eventOf, forwardTo, type DisplayEvents } from './forward-to'

/**
 * Sends each answer to PostHog as `posthog.capture(event, answer)`; a survey shown as
 * `survey shown` and one closed unanswered as `survey dismissed`, with the display (no `score`).
 *
 * @example
 * init({ transport: posthogTransport('nps answered'), surveys })
 */
export const posthogTransport = (event = 'survey answered', { shown = 'survey shown', dismissed = 'survey dismissed' }: DisplayEvents = {}): Transport =>
  forwardTo<{ capture(event: string, properties: object): void }>('PostHog', 'posthog', (posthog, record) =>
    posthog.capture(eventOf(record, event, { shown, dismissed }), record)
  )
