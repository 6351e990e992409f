import { loadRemoteSurveys } from './config/load-remote-surveys'
import { parseConfig } from './config/parse-config'
import type { ParsedSurvey } from './config/schema'
import { createEmitter } from './create-emitter'
import { messages } from './messages'
import { createAnswer } from './queue/create-answer'
import { createAnswerStore } from './queue/create-answer-store'
import { createOutbox } from './queue/create-outbox'
import { createFrequency } from './triggers/create-frequency'
import { createTriggers, type Triggers } from './triggers/create-triggers'
import { inAudience } from './triggers/in-audience'
import { fetchTransport } from './transport/fetch-transport'
import { sendBeacon } from './transport/send-beacon'
import { MAX_COMMENT } from './transport/wire-limits'
import type { Answer, Sayso, SaysoConfig, SaysoError, SaysoEvents, ShowOptions } from './types'
import { scales } from './scales'
import { loadUi, type UiModule } from './load-ui'
import type { Widget } from './ui/create-widget'
import type { Texts } from './ui/texts/en'
import { languages } from './ui/texts/languages'
import { chooseLocale, language } from './config/pick-text'
import { visitorId } from './visitor-id'
import { createIdle, when } from './when'

/**
 * Starts sayso with a configuration and returns the running instance.
 * Never throws: problems in the configuration are reported on the console
 * and through the `error` event, and the valid surveys still run.
 *
 * @example
 * import { init } from 'sayso'
 * const sayso = init({ endpoint: '/api/answers', surveys: [{ id: 'nps', type: 'nps' }] })
 * sayso.on('submit', (answer) => console.log(answer.score))
 */
export const init = (input: SaysoConfig): Sayso => {
  const events = createEmitter<SaysoEvents>()
  const report = (error: SaysoError) => {
    console.warn(`[sayso] ${error.message}`)
    events.emit('error', error)
  }
  // Every way in from the page goes through here: whatever fails inside sayso stays inside.
  const guard =
    <A extends unknown[], R>(fn: (...args: A) => R) =>
    (...args: A): R | undefined => {
      try {
        return fn(...args)
      } catch (error) {
        report({ reason: 'ui', message: messages.failed('sayso', error) })
      }
    }

  const { config, problems } = parseConfig(input)
  const user = config.user
  // Read from storage when first needed, not while the page starts.
  let visitor: string | undefined
  const visitorOf = () => (visitor ??= visitorId())
  const { endpoint } = config
  const transport = config.transport ?? (endpoint ? fetchTransport(endpoint) : undefined)
  const outbox =
    transport &&
    createOutbox({
      store: createAnswerStore(config.transport ? 'transport' : endpoint!),
      transport,
      beacon: config.transport ? undefined : sendBeacon(endpoint!),
      onSent: (answers) => events.emit('sent', { answers }),
      onError: report
    })
  let widgetOnce: Widget | undefined
  // The visitor's languages, in their order of preference, unless `locale` forces one.
  const wanted = config.locale ? [config.locale] : navigator.languages?.length ? navigator.languages : [navigator.language || 'en']
  const localeOf = (survey: ParsedSurvey) => chooseLocale(survey.question, wanted, languages)
  const frequency = createFrequency(config.frequency.cooldownDays)
  // Audience, sample and frequency, unless a preview forces the survey.
  const allowed = (survey: ParsedSurvey) =>
    frequency.allows(survey) && inAudience(survey, { id: visitorOf(), locale: wanted[0], attributes: user.attributes })
  let current: { answer?: Answer } | undefined
  let triggers: Triggers | undefined

  const { idle, cancel: cancelIdle } = createIdle()

  const open = (survey: ParsedSurvey, takeFocus: boolean, prefill?: ShowOptions): boolean => {
    if (current || !outbox) return false
    // The survey's part of sayso and its language may still be on their way.
    const waiting = (current = {})
    const locale = localeOf(survey)
    when(
      loadUi(),
      (ui) =>
        when(ui.textsFor(languages.includes(language(locale)) ? language(locale) : 'en'), (texts) => {
          if (current !== waiting) return
          current = undefined
          if (!texts) report({ reason: 'ui', message: messages.noTexts(language(locale)) })
          guard(display)(ui, survey, takeFocus, texts ? locale : 'en', texts ?? (ui.textsFor('en') as Texts), prefill)
        }),
      (error) => {
        if (current === waiting) current = undefined
        report({ reason: 'ui', message: messages.failed('loading the survey', error) })
      }
    )
    return true
  }

  const display = (ui: UiModule, survey: ParsedSurvey, takeFocus: boolean, locale: string, texts: Texts, prefill?: ShowOptions) => {
    const view = ui.resolveView(survey, { locale, texts, brand: config.brand })
    const widget = (widgetOnce ??= ui.createWidget(config.theme))
    const shown: { answer?: Answer } = (current = {})
    frequency.record(survey, 'shown')
    const deliver = (answer: Answer, event: 'answer' | 'submit') => {
      if (!shown.answer) frequency.record(survey, 'answered')
      shown.answer = answer
      outbox!.push(answer)
      events.emit(event, answer)
      if (event === 'answer' && answer.complete) events.emit('submit', answer)
    }
    const choose = (score: number) => {
      const answer = createAnswer({ survey, score, locale: view.locale, visitorId: visitorOf(), user, complete: !view.followUp })
      deliver(prefill?.answerId ? { ...answer, id: prefill.answerId } : answer, 'answer')
    }
    widget.open(view, {
      takeFocus,
      chosen: prefill?.score,
      onChoose: guard(choose),
      onFinish: guard((comment?: string) =>
        deliver({ ...shown.answer!, complete: true, ...(comment && { comment: comment.slice(0, MAX_COMMENT) }) }, 'submit')
      ),
      onClose: guard(() => {
        current = undefined
        widget.close()
        if (!shown.answer) frequency.record(survey, 'dismissed')
        if (!shown.answer?.complete) events.emit('dismiss', { surveyId: survey.id, answered: !!shown.answer })
      })
    })
    events.emit('show', { surveyId: survey.id, type: survey.type })
  }

  // Started once the page is parsed and init has returned, so that `init(…).on(…)` hears
  // everything; events tracked before that wait for it.
  const early: Parameters<Sayso['track']>[] = []
  let surveys = config.surveys
  // Surveys from `configUrl` start on their way at once; sayso starts when they are there.
  const remote = config.configUrl && loadRemoteSurveys(config.configUrl, config.configCacheMs, surveys, problems)
  const start = () => when(remote || [], (more) => {
    surveys = [...surveys, ...more]
    problems.forEach((problem) => report({ reason: 'config', message: problem.message, path: problem.path }))
    triggers = createTriggers(
      surveys,
      guard((survey: ParsedSurvey) => void (allowed(survey) && open(survey, false))),
      frequency.newPage,
      // A survey on its way: its part of sayso loads while the browser is idle, so that it
      // shows without delay; a page view that never gets this far never loads it.
      () => idle(() => when(loadUi(), () => {}, () => {}))
    )
    early.forEach((args) => triggers!.track(...args))
  })
  let timer: ReturnType<typeof setTimeout> | undefined
  const ready = () => (timer = setTimeout(start))
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', ready, { once: true })
  else ready()

  return {
    track: guard((event, props) => (triggers ? triggers.track(event, props) : early.push([event, props]))),
    show: (surveyId, options) =>
      !!guard(() => {
        const survey = surveys.find((candidate) => candidate.id === surveyId)
        if (!survey) return report({ reason: 'command', message: messages.unknownSurvey(surveyId) })
        // Focus moves into the dialog only when show() runs inside the visitor's own click or
        // key press: a survey opened by a timer never takes focus, even seconds after a click.
        const byVisitor = /^(click|key|pointerup|mouseup|touchend)/.test(window.event?.type ?? '')
        const { score, answerId } = options ?? {}
        const { min, max } = scales[survey.type]
        if ((score !== undefined && !(Number.isInteger(score) && score >= min && score <= max)) || (answerId !== undefined && !/^[\w-]{1,64}$/.test(answerId))) {
          return report({ reason: 'command', message: messages.badPrefill(score, answerId) })
        }
        return (options?.force || allowed(survey)) && open(survey, byVisitor, options)
      })(),
    page: guard(() => triggers?.page()),
    identify: guard((userId, attributes) => {
      user.id = userId
      user.attributes = { ...user.attributes, ...attributes }
    }),
    on: events.on,
    flush: () => outbox?.flush() ?? Promise.resolve(),
    destroy: guard(() => {
      clearTimeout(timer)
      cancelIdle()
      document.removeEventListener('DOMContentLoaded', ready)
      triggers?.destroy()
      widgetOnce?.close()
      outbox?.destroy()
      events.clear()
      current = {}
    })
  }
}
