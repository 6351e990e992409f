import type { Transport } from '../types'
import { forwardTo } from './forward-to'

/**
 * Pushes each answer into Google Tag Manager's data layer as
 * `{ event, sayso: answer }`; a GTM trigger on that event can send it on.
 *
 * @example
 * init({ transport: gtmTransport(), surveys })
 */
export const gtmTransport = (event = 'sayso_answer'): Transport =>
  forwardTo<{ push(item: object): void }>('Google Tag Manager', 'dataLayer', (dataLayer, answer) =>
    dataLayer.push({ event, sayso: answer })
  )
