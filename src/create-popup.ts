import type { ParsedConfig, ParsedSurvey } from './config/schema'
import type { Emitter } from './create-emitter'
import type { OutboxLoader } from './create-outbox-loader'
import type { Reporter } from './create-reporter'
import { loadPart, type Part, type PartName } from './load-part'
import * as messages from './messages'
import type { Frequency } from './targeting/create-frequency'
import type { SaysoEvents, ShowOptions } from './types'
import type { Presenter, Showing } from './ui/create-presenter'
import { when } from './when'

/** One pop-up at a time: none, a survey whose parts are on their way, a survey on screen. */
type State = 'idle' | 'loading' | 'showing' | 'destroyed'

export interface PopupOptions {
  config: ParsedConfig
  /** The visitor's locales, most wanted first. */
  wanted: readonly string[]
  visitorId: () => string
  outbox: OutboxLoader
  frequency: Frequency
  events: Emitter<SaysoEvents>
  reporter: Reporter
}

export interface Popup {
  /** Shows a survey unless another is on its way or on screen; whether it will show. */
  open(survey: ParsedSurvey, takeFocus: boolean, prefill?: ShowOptions): boolean
  destroy(): void
}

const noop = () => {}

/**
 * Shows one survey at a time as a pop-up: loads the drawing part and the outbox (both at
 * once, and the survey shows only when both are there, so that every answer has its outbox
 * from the first click), then follows the visitor through it.
 */
export const createPopup = ({ config, wanted, visitorId, outbox, frequency, events, reporter }: PopupOptions): Popup => {
  const { report, guard } = reporter
  let state: State = 'idle'
  /** The survey loading or showing. */
  let current: string | undefined
  let presenter: Presenter | undefined

  const failed = (part: PartName, error: unknown) => {
    if (state == 'loading') state = 'idle'
    report({ reason: part == 'ui' ? 'ui' : 'transport', message: messages.noPart(part, error) })
  }

  const showing = (survey: ParsedSurvey, takeFocus: boolean, prefill?: ShowOptions): Showing => {
    let answered = false
    return {
      survey,
      wanted,
      brand: config.brand,
      takeFocus,
      prefill,
      user: config.user,
      visitorId,
      guard,
      report,
      still: () => state == 'loading' && current == survey.id,
      onShow() {
        state = 'showing'
        frequency.record(survey, 'shown')
        events.emit('show', { surveyId: survey.id, type: survey.type })
      },
      onLeftOut() {
        if (state == 'loading') state = 'idle'
      },
      onAnswer(answer, event) {
        if (!answered) frequency.record(survey, 'answered')
        answered = true
        outbox.current()?.push(answer)
        events.emit(event, answer)
        if (event == 'answer' && answer.complete) events.emit('submit', answer)
      },
      onClose(answer) {
        if (state == 'showing') state = 'idle'
        if (!answer) frequency.record(survey, 'dismissed')
        if (!answer?.complete) events.emit('dismiss', { surveyId: survey.id, answered: !!answer })
      }
    }
  }

  const present = guard((ui: Part<'ui'>, view: Showing) => {
    presenter ??= ui.createPresenter(config.theme)
    when(presenter.present(view), noop, (error) => failed('ui', error))
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
      when(ui, (part) => when(ready, (box) => box && present(part, showing(survey, takeFocus, prefill)), noop), (error) => failed('ui', error))
      return true
    },
    destroy() {
      presenter?.close()
      state = 'destroyed'
    }
  }
}
