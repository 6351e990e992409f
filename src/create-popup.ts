import type { ParsedSurvey } from './config/schema'
import type { OutboxLoader } from './create-outbox-loader'
import type { Reporter } from './create-reporter'
import { loadPart, type Part, type PartName } from './load-part'
import * as messages from './messages'
import type { ShowOptions } from './types'
import type { Instance, Presenter } from './ui/create-presenter'
import { when } from './when'

/** One pop-up at a time: none, a survey whose parts are on their way, a survey on screen. */
type State = 'idle' | 'loading' | 'showing' | 'destroyed'

export interface Popup {
  /**
   * Shows a survey unless another pop-up is on its way or on screen; whether it will show. An
   * inline survey is no pop-up: it always goes to its element.
   */
  open(survey: ParsedSurvey, takeFocus: boolean, prefill?: ShowOptions): boolean
  /** A new page view: the inline surveys of the last one go. */
  page(): void
  destroy(): void
}

const noop = () => {}

/**
 * Shows one survey at a time as a pop-up, and inline surveys beside it: loads the drawing part and
 * the outbox (both at once, and a survey shows only when both are there, so that every answer has
 * its outbox from the first click), then hands the survey to the drawing part, which follows the
 * visitor. The pop-up's state is kept here; the drawing part keeps the inline surveys'.
 */
export const createPopup = (instance: Instance, outbox: OutboxLoader, { report, guard }: Reporter): Popup => {
  let state: State = 'idle'
  /** The survey loading or showing. */
  let current: string | undefined
  let presenter: Presenter | undefined

  const failed = (part: PartName, error: unknown) => {
    if (state == 'loading') state = 'idle'
    report({ reason: part == 'ui' ? 'ui' : 'transport', message: messages.noPart(part, error) })
  }
  const hand = guard((ui: Part<'ui'>, show: (presenter: Presenter) => unknown) =>
    when(show((presenter ??= ui.createPresenter(instance))), noop, (error) => failed('ui', error))
  )
  // Each part's failure is reported on its own, and handled, so that none reaches the page.
  const load = (show: (presenter: Presenter) => unknown) => {
    const ui = loadPart('ui')
    const ready = outbox.ready()
    when(ready, noop, (error) => failed('outbox', error))
    when(ui, (part) => when(ready, (box) => box && hand(part, show), noop), (error) => failed('ui', error))
  }

  return {
    open(survey, takeFocus, prefill) {
      if (survey.inline) {
        load((drawing) => state != 'destroyed' && drawing.place(survey, prefill))
        return true
      }
      if (state != 'idle') return false
      state = 'loading'
      current = survey.id
      load((drawing) =>
        drawing.present(survey, {
          takeFocus,
          prefill,
          still: () => state == 'loading' && current == survey.id,
          shown() {
            state = 'showing'
          },
          done() {
            if (state != 'destroyed') state = 'idle'
          }
        })
      )
      return true
    },
    page: () => presenter?.page(),
    destroy() {
      presenter?.close()
      state = 'destroyed'
    }
  }
}
