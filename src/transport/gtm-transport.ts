import type { Transport } from '../types'
import { eventOf, forwardTo, type DisplayEvents } from './forward-to'

/**
 * Pushes each answer into Google Tag Manager's data layer as
 * `{ event, sayso: answer }`; a GTM trigger on that event can send it on. A survey shown is
 * pushed as `sayso_shown`, one closed unanswered as `sayso_dismissed` (the display, no `score`).
 *
 * @example
 * init({ transport: gtmTransport(), surveys })
 */
export const gtmTransport = (event = 'sayso_answer', { shown = 'sayso_shown', dismissed = 'sayso_dismissed' }: DisplayEvents = {}): Transport =>
  forwardTo<{ push(item: object): void }>('Google Tag Manager', 'dataLayer', (dataLayer, record) =>
    dataLayer.push({ event: eventOf(record, event, { shown, dismissed }), sayso: record })
  )
