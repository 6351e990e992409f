import { language } from './texts/negotiate-locale'
import { chooseLocale } from './texts/pick-text'
import type { Problem } from '../config/problem'
import type { ParsedConfig, ParsedSurvey } from '../config/schema'
import { createDisplay } from './create-display'
import { createPlacements } from './create-placements'
import { followVisitor } from './follow-visitor'
import { checkDrawing, checkTheme, drawingKeys, type Drawing } from './drawing-schema'
import { MAX_COMMENT } from '../wire/limits'
import { scales } from '../wire/scales'
import { surveyLeftOut } from '../messages'
import { badPrefill, noTexts } from './messages'
import type { SaysoError, SaysoEvents, ShowOptions, SurveyRecord, Theme } from '../types'
import { when } from '../when'
import { createWidget, type DialogHandlers, type Widget } from './create-widget'
import { resolveView, type SurveyView } from './resolve-view'
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
  frequency: {
    /** Whether a survey may show now: an inline survey is asked again each time its element appears. */
    allows(survey: ParsedSurvey): boolean
    record(survey: ParsedSurvey, outcome: 'shown' | 'answered' | 'dismissed'): void
  }
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

const noop = () => {}

/**
 * Shows surveys: pop-ups one at a time, and inline surveys in the page's elements. Checks how
 * each looks, picks the locale, loads its texts, builds the view and turns the visitor's choices
 * into answers.
 */
export const createPresenter = (instance: Instance) => {
  const { report, guard, frequency, events } = instance
  let widget: Widget | undefined
  let theme: Theme | undefined
  const placements = createPlacements()
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

  // What the visitor's choices in one drawing of a survey do; `close` takes that drawing away.
  const handle = (survey: DrawnSurvey, view: SurveyView, showing: Showing, close: () => void) => {
    const { prefill } = showing
    // Each drawing is a display; a link's answer id, so that the same link opened twice makes one row.
    const display = createDisplay({ survey, id: prefill?.answerId, locale: view.locale, visitorId: instance.visitorId(), user: instance.config.user, report })
    const visitor = followVisitor(instance, survey, showing, display)
    const handlers: DialogHandlers = {
      takeFocus: showing.takeFocus,
      chosen: prefill?.score,
      onChoose: guard((score: number) => visitor.answered({ ...display, score, complete: !view.followUp }, 'answer')),
      onFinish: guard(({ comment, reasons }) =>
        visitor.answered({ ...visitor.given()!, complete: true, ...(comment && { comment: comment.slice(0, MAX_COMMENT) }), ...(reasons && { reasons }) }, 'submit')
      ),
      onAction: guard(({ url, segment }) => events.emit('action', { surveyId: survey.id, url, ...(segment && { segment }) })),
      onClose: guard(() => {
        close()
        visitor.closed()
      })
    }
    return { visitor, handlers }
  }

  // Checks how a survey looks, picks its locale and loads its texts, then hands its view to `draw`.
  const prepare = (given: ParsedSurvey, showing: Showing, draw: (survey: DrawnSurvey, view: SurveyView) => void) => {
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
      widget ??= createWidget(theme!)
      draw(survey, resolveView(survey, { locale: texts ? locale : 'en', texts: texts ?? en, brand: instance.config.brand }))
    })
  }

  /** Shows a pop-up, in place of any other. */
  const present = (given: ParsedSurvey, showing: Showing) =>
    prepare(given, showing, (survey, view) => {
      const { visitor, handlers } = handle(survey, view, showing, () => widget!.close())
      widget!.open(view, handlers)
      visitor.shown()
    })

  // Surveys placed during this page view, and the one their languages may still be loading for.
  let pageView = 0
  /**
   * Draws an inline survey in the page's element that matches its `inline` selector, now or when
   * one appears, and again after its element goes as long as the frequency allows (unless forced).
   * It never takes focus by itself.
   */
  const place = (given: ParsedSurvey, prefill?: ShowOptions) => {
    const placedOn = pageView
    const showing: Showing = { takeFocus: false, prefill, still: () => placedOn == pageView, shown: noop, done: noop }
    return prepare(given, showing, (survey, view) =>
      placements.place(survey.id, survey.inline!, (element) => {
        if (!prefill?.force && !frequency.allows(survey)) return
        const { visitor, handlers } = handle(survey, view, showing, () => placements.end(survey.id))
        const drawing = widget!.place(view, handlers, element)
        visitor.shown()
        return { ...drawing, answering: () => !!visitor.given() && !visitor.given()!.complete }
      })
    )
  }

  return {
    present,
    place,
    /** A new page view: the inline surveys of the last one go, but one the visitor is answering. */
    page() {
      pageView++
      placements.page()
    },
    close() {
      widget?.close()
      placements.close()
    }
  }
}

export type Presenter = ReturnType<typeof createPresenter>
