import type { Transport } from '../types'
import { forwardTo } from './forward-to'

/**
 * Sends each answer to PostHog as `posthog.capture(event, answer)`.
 *
 * @example
 * init({ transport: posthogTransport('nps answered'), surveys })
 */
export const posthogTransport = (event = 'survey answered'): Transport =>
  forwardTo<{ capture(event: string, properties: object): void }>('PostHog', 'posthog', (posthog, answer) =>
    posthog.capture(event, answer)
  )
