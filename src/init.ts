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
import type { Answer, Sayso, SaysoConfig, SaysoError, SaysoEvents } from './types'
import { createWidget } from './ui/create-widget'
import { resolveView } from './ui/resolve-view'
import { en, type Texts } from './ui/texts/en'
import { languages } from './ui/texts/languages'
import { textsFor } from './ui/texts/texts-for'
import { chooseLocale, language } from './config/pick-text'
import { visitorId } from './visitor-id'

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
  const visitor = visitorId()
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
  const widget = createWidget(config.theme)
  // The visitor's languages, in their order of preference, unless `locale` forces one.
  const wanted = config.locale ? [config.locale] : navigator.languages?.length ? navigator.languages : [navigator.language || 'en']
  const localeOf = (survey: ParsedSurvey) => chooseLocale(survey.question, wanted, languages)
  const textsOf = (locale: string) => textsFor(languages.includes(language(locale)) ? language(locale) : 'en')
  const frequency = createFrequency(config.frequency.cooldownDays)
  // Audience, sample and frequency, unless a preview forces the survey.
  const allowed = (survey: ParsedSurvey) =>
    frequency.allows(survey) && inAudience(survey, { id: visitor, locale: wanted[0], attributes: user.attributes })
  let current: { answer?: Answer } | undefined
  let triggers: Triggers | undefined

  const open = (survey: ParsedSurvey, takeFocus: boolean): boolean => {
    if (current || !outbox) return false
    const locale = localeOf(survey)
    const texts = textsOf(locale)
    if (!(texts instanceof Promise)) return display(survey, takeFocus, locale, texts)
    // The language is still on its way (it is loaded at start-up, so this is rare).
    const waiting = (current = {})
    texts.then((loaded) => {
      if (current !== waiting) return
      current = undefined
      if (!loaded) report({ reason: 'ui', message: messages.noTexts(language(locale)) })
      display(survey, takeFocus, loaded ? locale : 'en', loaded ?? en)
    })
    return true
  }

  const display = (survey: ParsedSurvey, takeFocus: boolean, locale: string, texts: Texts): boolean => {
    const view = resolveView(survey, { locale, texts, brand: config.brand })
    const shown: { answer?: Answer } = (current = {})
    frequency.record(survey, 'shown')
    const deliver = (answer: Answer, event: 'answer' | 'submit') => {
      if (!shown.answer) frequency.record(survey, 'answered')
      shown.answer = answer
      outbox!.push(answer)
      events.emit(event, answer)
      if (event === 'answer' && answer.complete) events.emit('submit', answer)
    }
    widget.open(view, {
      takeFocus,
      onChoose: guard((score: number) =>
        deliver(createAnswer({ survey, score, locale: view.locale, visitorId: visitor, user, complete: !view.followUp }), 'answer')
      ),
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
    return true
  }

  // Started once the page is parsed and init has returned, so that `init(…).on(…)` hears
  // everything; events tracked before that wait for it.
  const early: Parameters<Sayso['track']>[] = []
  const start = () => {
    problems.forEach((problem) => report({ reason: 'config', message: problem.message, path: problem.path }))
    triggers = createTriggers(
      config.surveys,
      guard((survey: ParsedSurvey) => void (allowed(survey) && open(survey, false))),
      frequency.newPage
    )
    // Each survey's language starts loading now, so that it is there when the survey shows.
    config.surveys.forEach((survey) => textsOf(localeOf(survey)))
    early.forEach((args) => triggers!.track(...args))
  }
  let timer: ReturnType<typeof setTimeout> | undefined
  const ready = () => (timer = setTimeout(start))
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', ready, { once: true })
  else ready()

  return {
    track: guard((event, props) => (triggers ? triggers.track(event, props) : early.push([event, props]))),
    show: (surveyId, options) =>
      !!guard(() => {
        const survey = config.surveys.find((candidate) => candidate.id === surveyId)
        if (!survey) return report({ reason: 'command', message: messages.unknownSurvey(surveyId) })
        // Focus moves into the dialog only when show() runs inside the visitor's own click or
        // key press: a survey opened by a timer never takes focus, even seconds after a click.
        const byVisitor = /^(click|key|pointerup|mouseup|touchend)/.test(window.event?.type ?? '')
        return (options?.force || allowed(survey)) && open(survey, byVisitor)
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
      document.removeEventListener('DOMContentLoaded', ready)
      triggers?.destroy()
      widget.close()
      outbox?.destroy()
      events.clear()
      current = {}
    })
  }
}
