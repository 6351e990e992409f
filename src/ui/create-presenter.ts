import { language } from './texts/negotiate-locale'
import { chooseLocale } from './texts/pick-text'
import type { Problem } from '../config/problem'
import type { ParsedSurvey } from '../config/schema'
import { createAnswer } from './create-answer'
import { checkDrawing, checkTheme, drawingKeys, type Drawing } from './drawing-schema'
import { MAX_COMMENT } from '../wire/limits'
import { scales } from '../wire/scales'
import { surveyLeftOut } from '../messages'
import { badPrefill, noTexts } from './messages'
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
  /** The survey was not shown: how it looks, or what `show()` was given, has a problem, reported already. */
  onLeftOut: () => void
  /** The score (`answer`), then the same answer complete, with any comment (`submit`). */
  onAnswer: (answer: Answer, event: 'answer' | 'submit') => void
  /** The survey closed; `answer` is the last one given, if any. */
  onClose: (answer?: Answer) => void
}

/** A survey with how it looks checked: ready to draw. */
export type DrawnSurvey = Omit<ParsedSurvey, keyof Drawing> & Drawing

/**
 * Shows surveys in one widget: checks how each looks, picks the locale, loads its
 * texts, builds the view and turns the visitor's choices into answers.
 */
export const createPresenter = (givenTheme: unknown) => {
  let widget: Widget | undefined
  let theme: Theme | undefined
  // Each problem is reported once a page view, however often its survey is asked to show.
  const reported = new Set<string>()
  const checked = <T>(check: (value: unknown, path: PropertyKey[], issues: Problem[]) => T | undefined, value: unknown, path: PropertyKey[], showing: Showing) => {
    const issues: Problem[] = []
    const result = check(value, path, issues)
    for (const { message, path } of issues) {
      if (!reported.has(message)) showing.report({ reason: 'config', message, path })
      reported.add(message)
    }
    return issues.length ? undefined : result
  }
  // A score from a link must be on the survey's scale; an answer id, fit for a key.
  const prefillFits = ({ type }: ParsedSurvey, { score, answerId }: ShowOptions) =>
    (score === undefined || (Number.isInteger(score) && score >= scales[type].min && score <= scales[type].max)) &&
    (answerId === undefined || /^[\w-]{1,64}$/.test(answerId))

  const present = (showing: Showing) => {
    const { prefill, guard } = showing
    if (prefill && !prefillFits(showing.survey, prefill)) {
      showing.report({ reason: 'command', message: badPrefill(prefill.score, prefill.answerId) })
      return showing.onLeftOut()
    }
    theme ??= checked(checkTheme, givenTheme, ['theme'], showing) ?? {}
    const given = Object.fromEntries(drawingKeys.map((key) => [key, showing.survey[key]]))
    const drawing = checked(checkDrawing, given, showing.survey.at, showing)
    if (!drawing) {
      const { message, path } = surveyLeftOut(showing.survey.at)
      if (!reported.has(message)) showing.report({ reason: 'config', message, path })
      reported.add(message)
      return showing.onLeftOut()
    }
    // An absent field is absent in both: the checked one replaces the given one.
    const survey = { ...showing.survey, ...drawing } as DrawnSurvey
    const locale = chooseLocale(survey.question, showing.wanted, languages)
    // The built-in language whose texts go with it (the survey's own texts may speak others).
    const builtIn = languages.includes(language(locale)) ? language(locale) : 'en'
    return when(textsFor(builtIn), (texts) => {
      if (!showing.still()) return
      if (!texts) showing.report({ reason: 'ui', message: noTexts(builtIn) })
      const view = resolveView(survey, { locale: texts ? locale : 'en', texts: texts ?? en, brand: showing.brand })
      let given: Answer | undefined
      const deliver = (answer: Answer, event: 'answer' | 'submit') => showing.onAnswer((given = answer), event)
      ;(widget ??= createWidget(theme!)).open(view, {
        takeFocus: showing.takeFocus,
        chosen: prefill?.score,
        onChoose: guard((score: number) => {
          const answer = createAnswer({
            survey,
            score,
            locale: view.locale,
            visitorId: showing.visitorId(),
            user: showing.user,
            complete: !view.followUp,
            report: showing.report
          })
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
