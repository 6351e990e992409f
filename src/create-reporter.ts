import type { Emitter } from './create-emitter'
import * as messages from './messages'
import type { SaysoError, SaysoEvents } from './types'

export interface Reporter {
  /** Tells the developer: on the console and through the `error` event. */
  report(error: SaysoError): void
  /**
   * Wraps a way in from the page (a command, a visitor's click) so that whatever fails
   * inside sayso stays inside: reported, and the call returns undefined.
   */
  guard<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R | undefined
}

export const createReporter = (events: Emitter<SaysoEvents>): Reporter => {
  const report = (error: SaysoError) => {
    console.warn(`[sayso] ${error.message}`)
    events.emit('error', error)
  }
  const guard: Reporter['guard'] =
    (fn) =>
    (...args) => {
      try {
        return fn(...args)
      } catch (error) {
        report({ reason: 'ui', message: messages.failed('sayso', error) })
      }
    }
  return { report, guard }
}
