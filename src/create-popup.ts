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
  /** Shows a survey unless another is on its way or on screen; whether it will show. */
  open(survey: ParsedSurvey, takeFocus: boolean, prefill?: ShowOptions): boolean
  destroy(): void
}

const noop = () => {}

/**
 * Shows one survey at a time as a pop-up: loads the drawing part and the outbox (both at
 * once, and the survey shows only when both are there, so that every answer has its outbox
 * from the first click), then hands it to the drawing part, which follows the visitor.
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

  const present = guard((ui: Part<'ui'>, survey: ParsedSurvey, takeFocus: boolean, prefill?: ShowOptions) => {
    presenter ??= ui.createPresenter(instance)
    const showing = {
      takeFocus,
      prefill,
      still: () => state == 'loading' && current == survey.id,
      shown() {
        state = 'showing'
      },
      done() {
        if (state != 'destroyed') state = 'idle'
      }
    }
    when(presenter.present(survey, showing), noop, (error) => failed('ui', error))
  })

  return {
    open(survey, takeFocus, prefill) {
      if (state != 'idle') return false
      state = 'loading'
      current = survey.id
      const ui = loadPart('ui')
      const ready = outbox.ready()
      // Each part's failure is reported on its own, and handled, so that none reaches the page.
      when(ready, noop, (error) => failed('outbox', error))
      when(ui, (part) => when(ready, (box) => box && present(part, survey, takeFocus, prefill), noop), (error) => failed('ui', error))
      return true
    },
    destroy() {
      presenter?.close()
      state = 'destroyed'
    }
  }
}
