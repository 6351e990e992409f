import { language } from './texts/negotiate-locale'
import { chooseLocale } from './texts/pick-text'
import type { Problem } from '../config/problem'
import type { ParsedConfig, ParsedSurvey } from '../config/schema'
import { createDisplay } from './create-display'
import { checkDrawing, checkTheme, drawingKeys, type Drawing } from './drawing-schema'
import { MAX_COMMENT } from '../wire/limits'
import { scales } from '../wire/scales'
import { surveyLeftOut } from '../messages'
import { badPrefill, noTexts } from './messages'
import type { Answer, Display, SaysoError, SaysoEvents, ShowOptions, SurveyRecord, Theme } from '../types'
import { when } from '../when'
import { createWidget, type Widget } from './create-widget'
import { resolveView } from './resolve-view'
import { en } from './texts/en'
import { languages } from 'sayso:languages'
import { textsFor } from './texts/texts-for'

/**
 * What the core hands the drawing part once: the running instance the surveys belong to.
 * The drawing part records what the visitor does with a survey — in the frequency, as events,
 * in the outbox — itself, so that the always-loaded core carries none of it.
 */
export interface Instance {
  config: Pick<ParsedConfig, 'theme' | 'brand' | 'user'>
  /** The visitor's locales, most wanted first. */
  wanted: readonly string[]
  visitorId: () => string
  frequency: { record(survey: ParsedSurvey, outcome: 'shown' | 'answered' | 'dismissed'): void }
  events: { emit<K extends keyof SaysoEvents>(name: K, payload: SaysoEvents[K]): void }
  /** The outbox: it is there before any survey shows. */
  outbox: () => { push(record: SurveyRecord): void } | undefined
  /** Reports a problem, such as a language that could not be loaded (the survey shows in English). */
  report: (error: SaysoError) => void
  /** Wraps what runs on the visitor's clicks, so that a failure stays inside sayso. */
  guard: <A extends unknown[]>(fn: (...args: A) => void) => (...args: A) => void
}

/** One survey to show, and how the core follows it. */
export interface Showing {
  takeFocus: boolean
  prefill?: ShowOptions
  /** Whether the survey is still wanted once its language has loaded. */
  still: () => boolean
  /** It is on screen. */
  shown: () => void
  /** It is gone: closed, finished, or left out for a problem already reported. */
  done: () => void
}

/** A survey with how it looks checked: ready to draw. */
export type DrawnSurvey = Omit<ParsedSurvey, keyof Drawing> & Drawing

/**
 * Shows surveys in one widget: checks how each looks, picks the locale, loads its
 * texts, builds the view and turns the visitor's choices into answers.
 */
export const createPresenter = (instance: Instance) => {
  const { report, guard, frequency, events } = instance
  let widget: Widget | undefined
  let theme: Theme | undefined
  // Each problem is reported once a page view, however often its survey is asked to show.
  const reported = new Set<string>()
  const tell = (problem: { message: string; path: string }) => {
    if (!reported.has(problem.message)) report({ reason: 'config', ...problem })
    reported.add(problem.message)
  }
  const checked = <T>(check: (value: unknown, path: PropertyKey[], issues: Problem[]) => T | undefined, value: unknown, path: PropertyKey[]) => {
    const issues: Problem[] = []
    const result = check(value, path, issues)
    issues.forEach(tell)
    return issues.length ? undefined : result
  }
  // A score from a link must be on the survey's scale; an answer id, fit for a key.
  const prefillFits = ({ type }: ParsedSurvey, { score, answerId }: ShowOptions) =>
    (score === undefined || (Number.isInteger(score) && score >= scales[type].min && score <= scales[type].max)) &&
    (answerId === undefined || /^[\w-]{1,64}$/.test(answerId))

  // What the visitor does with a survey, recorded and told. The display goes to the outbox
  // before any answer to it, and never after one: a later copy replaces what is queued.
  const follow = (survey: DrawnSurvey, showing: Showing, display: Display) => {
    let given: Answer | undefined
    return {
      shown() {
        showing.shown()
        frequency.record(survey, 'shown')
        if (!given) instance.outbox()?.push(display)
        events.emit('show', { surveyId: survey.id, type: survey.type })
      },
      answered(answer: Answer, event: 'answer' | 'submit') {
        if (!given) frequency.record(survey, 'answered')
        given = answer
        instance.outbox()?.push(answer)
        events.emit(event, answer)
        if (event == 'answer' && answer.complete) events.emit('submit', answer)
      },
      closed() {
        showing.done()
        if (!given) {
          frequency.record(survey, 'dismissed')
          instance.outbox()?.push({ ...display, dismissed: true })
        }
        if (!given?.complete) events.emit('dismiss', { surveyId: survey.id, answered: !!given })
      },
      given: () => given
    }
  }

  const present = (given: ParsedSurvey, showing: Showing) => {
    const { prefill } = showing
    if (prefill && !prefillFits(given, prefill)) {
      report({ reason: 'command', message: badPrefill(prefill.score, prefill.answerId) })
      return showing.done()
    }
    theme ??= checked(checkTheme, instance.config.theme, ['theme']) ?? {}
    const drawing = checked(checkDrawing, Object.fromEntries(drawingKeys.map((key) => [key, given[key]])), given.at)
    if (!drawing) {
      tell(surveyLeftOut(given.at))
      return showing.done()
    }
    // An absent field is absent in both: the checked one replaces the given one.
    const survey = { ...given, ...drawing } as DrawnSurvey
    const locale = chooseLocale(survey.question, instance.wanted, languages)
    // The built-in language whose texts go with it (the survey's own texts may speak others).
    const builtIn = languages.includes(language(locale)) ? language(locale) : 'en'
    return when(textsFor(builtIn), (texts) => {
      if (!showing.still()) return
      if (!texts) report({ reason: 'ui', message: noTexts(builtIn) })
      const view = resolveView(survey, { locale: texts ? locale : 'en', texts: texts ?? en, brand: instance.config.brand })
      // A link's answer id, so that the same link opened twice makes one row.
      const display = createDisplay({ survey, id: prefill?.answerId, locale: view.locale, visitorId: instance.visitorId(), user: instance.config.user, report })
      const visitor = follow(survey, showing, display)
      ;(widget ??= createWidget(theme!)).open(view, {
        takeFocus: showing.takeFocus,
        chosen: prefill?.score,
        onChoose: guard((score: number) => visitor.answered({ ...display, score, complete: !view.followUp }, 'answer')),
        onFinish: guard((comment?: string) =>
          visitor.answered({ ...visitor.given()!, complete: true, ...(comment && { comment: comment.slice(0, MAX_COMMENT) }) }, 'submit')
        ),
        onClose: guard(() => {
          widget!.close()
          visitor.closed()
        })
      })
      visitor.shown()
    })
  }
  return { present, close: () => widget?.close() }
}

export type Presenter = ReturnType<typeof createPresenter>
