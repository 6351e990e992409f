import { loadPart } from './load-part'
import type { Outbox } from './outbox/create-outbox'
import type { ParsedConfig } from './config/schema'
import type { Reporter } from './create-reporter'
import type { SurveyRecord } from './types'
import { when } from './when'

export interface OutboxLoader {
  /**
   * The outbox, its part loaded first when needed (undefined once destroyed); rejects when
   * the part cannot be loaded.
   */
  ready(): Outbox | undefined | Promise<Outbox | undefined>
  /** The outbox, if its part has been loaded. */
  current(): Outbox | undefined
  /**
   * Whether answers from an earlier page view may wait in storage: keys of any outbox, read
   * without reading the answers. Another endpoint's answers load this outbox for nothing, but
   * the rare page with two endpoints is worth no bytes of the core's.
   */
  hasWaiting(): boolean
  destroy(): void
}

/**
 * The outbox, whose part loads only when a page view needs it: a survey on its way,
 * answers an earlier page view left, or flush(). Until then the core holds none of it.
 */
export const createOutboxLoader = (config: ParsedConfig, onSent: (answers: SurveyRecord[]) => void, { report }: Reporter): OutboxLoader => {
  let outbox: Outbox | undefined
  let destroyed = false
  return {
    ready: () =>
      when(loadPart('outbox'), (part) => {
        if (!destroyed) outbox ??= part.openOutbox(config, { onSent, onError: report })
        return outbox
      }),
    current: () => outbox,
    hasWaiting() {
      try {
        return Object.keys(localStorage).some((key) => key.startsWith('sayso:q:'))
      } catch {
        return false // No storage: nothing can have waited.
      }
    },
    destroy() {
      destroyed = true
      outbox?.destroy()
    }
  }
}
