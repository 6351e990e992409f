import { parseConfig, parseSurveys } from './config/parse-config'
import { problem } from './config/problem'
import type { ParsedSurvey } from './config/schema'
import { createEmitter } from './create-emitter'
import * as messages from './messages'
import type { Outbox } from './queue/create-outbox'
import { hasQueued, scopeOf } from './queue/queue-prefix'
import { createFrequency } from './triggers/create-frequency'
import { createTriggers, type Triggers } from './triggers/create-triggers'
import { inAudience } from './triggers/in-audience'
import type { Sayso, SaysoConfig, SaysoError, SaysoEvents, ShowOptions } from './types'
import { scales } from './scales'
import { loadRemote, loadSend, loadUi } from './parts'
import type { Presenter, Showing } from './ui/create-presenter'
import { visitorId } from './visitor-id'
import { createIdle, when } from './when'

const noop = () => {}

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
  const scope = scopeOf(config)
  // The sending part loads when a survey is on its way, when answers from an earlier page
  // view wait, or on flush(); a survey shows only once it is there.
  let outbox: Outbox | undefined
  let destroyed = false
  const sendFailed = (error: unknown) => report({ reason: 'transport', message: messages.noPart('send', error) })
  const sender = () =>
    when(loadSend(), (send) => {
      if (!destroyed) outbox ??= send.openOutbox(config, { onSent: (answers) => events.emit('sent', { answers }), onError: report })
    })
  let presenter: Presenter | undefined
  // The visitor's languages, in their order of preference, unless `locale` forces one.
  const wanted = config.locale ? [config.locale] : navigator.languages?.length ? navigator.languages : [navigator.language || 'en']
  const frequency = createFrequency(config.frequency.cooldownDays)
  // Audience, sample and frequency, unless a preview forces the survey.
  const allowed = (survey: ParsedSurvey) =>
    frequency.allows(survey) && inAudience(survey, { id: visitorOf(), locale: wanted[0], attributes: user.attributes })
  // A survey on its way or showing: one at a time.
  let current: object | undefined
  let triggers: Triggers | undefined

  const { idle, cancel: cancelIdle } = createIdle()

  const open = (survey: ParsedSurvey, takeFocus: boolean, prefill?: ShowOptions): boolean => {
    if (current || !scope) return false
    // The survey's part of sayso, the sending part and the language may still be on their way.
    const waiting = (current = {})
    const release = () => current === waiting && (current = undefined)
    const fail = (error: unknown) => (release(), report({ reason: 'ui', message: messages.noPart('ui', error) }))
    let answered = false
    const showing: Showing = {
      survey,
      wanted,
      brand: config.brand,
      takeFocus,
      prefill,
      user,
      visitorId: visitorOf,
      guard,
      still: () => current === waiting,
      report,
      onShow() {
        current = {}
        frequency.record(survey, 'shown')
        events.emit('show', { surveyId: survey.id, type: survey.type })
      },
      onAnswer(answer, event) {
        if (!answered) frequency.record(survey, 'answered')
        answered = true
        outbox!.push(answer)
        events.emit(event, answer)
        if (event === 'answer' && answer.complete) events.emit('submit', answer)
      },
      onClose(answer) {
        current = undefined
        if (!answer) frequency.record(survey, 'dismissed')
        if (!answer?.complete) events.emit('dismiss', { surveyId: survey.id, answered: !!answer })
      }
    }
    const sending = sender()
    const present = guard((ui: Awaited<ReturnType<typeof loadUi>>) => when((presenter ??= ui.createPresenter(config.theme)).present(showing), noop, fail))
    when(loadUi(), (ui) => when(sending, () => present(ui), (error) => (release(), sendFailed(error))), fail)
    return true
  }

  // Started once the page is parsed and init has returned, so that `init(…).on(…)` hears
  // everything; events tracked before that wait for it.
  const early: Parameters<Sayso['track']>[] = []
  let surveys = config.surveys
  // Surveys from `configUrl` start on their way at once; sayso starts when they are there.
  const { configUrl } = config
  const remote =
    configUrl &&
    Promise.resolve(loadRemote())
      .then((part) => part.loadRemoteSurveys(configUrl, config.configCacheMs, problems))
      .catch((error) => (problems.push(problem(['configUrl'], messages.noPart('remote', error))), []))
  const start = () => when(remote || [], (more) => {
    surveys = [...surveys, ...parseSurveys(more, ['configUrl', 'surveys'], surveys, problems)]
    problems.forEach((problem) => report({ reason: 'config', message: problem.message, path: problem.path }))
    triggers = createTriggers(
      surveys,
      guard((survey: ParsedSurvey) => void (allowed(survey) && open(survey, false))),
      frequency.newPage,
      // A survey on its way: its part of sayso loads while the browser is idle, so that it
      // shows without delay; a page view that never gets this far never loads it.
      () => idle(() => (when(loadUi(), noop, noop), when(sender(), noop, noop)))
    )
    early.forEach((args) => triggers!.track(...args))
    // Answers an earlier page view left unsent go out once the browser is idle.
    if (scope && hasQueued(scope)) idle(() => when(sender(), noop, sendFailed))
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
    flush: () => Promise.resolve(scope && sender()).then(() => outbox?.flush(), sendFailed),
    destroy: guard(() => {
      clearTimeout(timer)
      cancelIdle()
      document.removeEventListener('DOMContentLoaded', ready)
      triggers?.destroy()
      presenter?.close()
      outbox?.destroy()
      destroyed = true
      events.clear()
      current = {}
    })
  }
}
