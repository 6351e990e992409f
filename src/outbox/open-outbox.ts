import { fetchTransport } from '../transport/fetch-transport'
import { sendBeacon } from '../transport/send-beacon'
import type { Transport } from '../types'
import { createAnswerStore } from './create-answer-store'
import { createOutbox, type Outbox, type OutboxOptions } from './create-outbox'
import { scopeOf } from './queue-prefix'

/**
 * The outbox for a configuration: its own transport, or posts to `endpoint` with
 * a beacon for leaving the page.
 */
export const openOutbox = (
  { endpoint, transport }: { endpoint?: string; transport?: Transport },
  handlers: Pick<OutboxOptions, 'onSent' | 'onError'>
): Outbox =>
  createOutbox({
    store: createAnswerStore(scopeOf({ endpoint, transport })!),
    transport: transport ?? fetchTransport(endpoint!),
    beacon: transport ? undefined : sendBeacon(endpoint!),
    ...handlers
  })
