import { language } from './texts/negotiate-locale'
import { chooseLocale } from './texts/pick-text'
import type { ParsedSurvey } from '../config/schema'
import { createAnswer } from './create-answer'
import { MAX_COMMENT } from '../wire/limits'
import { noTexts } from '../messages'
import type { Answer, SaysoError, ShowOptions, Theme, User } from '../types'
import { when } from '../when'
import { createWidget, type Widget } from './create-widget'
import { resolveView } from './resolve-view'
import { en } from './texts/en'
import { languages } from 'sayso:languages'
import { textsFor } from './texts/texts-for'

/** One survey to show, and what the core does as the visitor goes through it. */
export interface Showing {
  survey: ParsedSurvey
  /** The visitor's locales, most wanted first. */
  wanted: readonly string[]
  brand?: string
  takeFocus: boolean
  prefill?: ShowOptions
  user: User
  visitorId: () => string
  /** Whether the survey is still wanted once its language has loaded. */
  still: () => boolean
  /** Wraps what runs on the visitor's clicks, so that a failure stays inside sayso. */
  guard: <A extends unknown[]>(fn: (...args: A) => void) => (...args: A) => void
  /** Reports a problem, such as a language that could not be loaded (the survey shows in English). */
  report: (error: SaysoError) => void
  onShow: () => void
  /** The score (`answer`), then the same answer complete, with any comment (`submit`). */
  onAnswer: (answer: Answer, event: 'answer' | 'submit') => void
  /** The survey closed; `answer` is the last one given, if any. */
  onClose: (answer?: Answer) => void
}

/**
 * Shows surveys in one widget: picks the locale, loads its texts, builds the
 * view and turns the visitor's choices into answers.
 */
export const createPresenter = (theme: Theme) => {
  let widget: Widget | undefined
  const present = (showing: Showing) => {
    const { survey, prefill, guard } = showing
    const locale = chooseLocale(survey.question, showing.wanted, languages)
    // The built-in language whose texts go with it (the survey's own texts may speak others).
    const builtIn = languages.includes(language(locale)) ? language(locale) : 'en'
    return when(textsFor(builtIn), (texts) => {
      if (!showing.still()) return
      if (!texts) showing.report({ reason: 'ui', message: noTexts(builtIn) })
      const view = resolveView(survey, { locale: texts ? locale : 'en', texts: texts ?? en, brand: showing.brand })
      let given: Answer | undefined
      const deliver = (answer: Answer, event: 'answer' | 'submit') => showing.onAnswer((given = answer), event)
      ;(widget ??= createWidget(theme)).open(view, {
        takeFocus: showing.takeFocus,
        chosen: prefill?.score,
        onChoose: guard((score: number) => {
          const answer = createAnswer({ survey, score, locale: view.locale, visitorId: showing.visitorId(), user: showing.user, complete: !view.followUp })
          deliver(prefill?.answerId ? { ...answer, id: prefill.answerId } : answer, 'answer')
        }),
        onFinish: guard((comment?: string) =>
          deliver({ ...given!, complete: true, ...(comment && { comment: comment.slice(0, MAX_COMMENT) }) }, 'submit')
        ),
        onClose: guard(() => {
          widget!.close()
          showing.onClose(given)
        })
      })
      showing.onShow()
    })
  }
  return { present, close: () => widget?.close() }
}

export type Presenter = ReturnType<typeof createPresenter>
