import { parseConfig } from './config/parse-config'
import type { ParsedSurvey } from './config/schema'
import { createEmitter } from './create-emitter'
import { createOutboxLoader } from './create-outbox-loader'
import { createPopup } from './create-popup'
import { createReporter } from './create-reporter'
import { loadPart } from './load-part'
import * as messages from './messages'
import { startSurveys } from './start-surveys'
import { listen } from './triggers/listen'
import { createFrequency } from './targeting/create-frequency'
import { inAudience } from './targeting/in-audience'
import type { Sayso, SaysoConfig, SaysoEvents, ShowOptions } from './types'
import { visitorId } from './visitor-id'
import { createIdle, when } from './when'

const noop = () => {}

// A visitor's own click or key press: then show() may move focus into the survey.
const byVisitor = () => /^(click|key|pointerup|mouseup|touchend)/.test(window.event?.type ?? '')

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
  const reporter = createReporter(events)
  const { report, guard } = reporter
  const { config, problems } = parseConfig(input)
  const { user } = config
  // Read from storage when first needed, not while the page starts.
  let visitor: string | undefined
  const visitorOf = () => (visitor ??= visitorId())
  // The visitor's languages, in their order of preference, unless `locale` forces one.
  const wanted = config.locale ? [config.locale] : navigator.languages?.length ? navigator.languages : [navigator.language || 'en']
  const frequency = createFrequency(config.frequency.cooldownDays)
  const outbox = createOutboxLoader(config, (answers) => events.emit('sent', { answers }), reporter)
  const popup = createPopup({ config, wanted, visitorId: visitorOf, frequency, events, outbox: outbox.current, report, guard }, outbox, reporter)
  const idle = createIdle()
  const canSend = !!(config.endpoint || config.transport)

  // Audience, sample and frequency, unless a preview forces the survey.
  const allowed = (survey: ParsedSurvey) =>
    frequency.allows(survey) && inAudience(survey, { id: visitorOf(), locale: wanted[0], attributes: user.attributes })
  const reportOutbox = (error: unknown) => report({ reason: 'transport', message: messages.noPart('outbox', error) })
  // What showing a survey needs, loading while the browser is idle; it shows nothing by itself.
  const preload = () =>
    idle.idle(() => {
      when(loadPart('ui'), noop, noop)
      when(outbox.ready(), noop, noop)
    })
  // Once the page has loaded, so that its own files go first.
  let unbindLoad: (() => void) | undefined
  const afterLoad = (work: () => void) => {
    if (document.readyState == 'complete') work()
    else unbindLoad = listen(window, 'load', work)
  }

  const surveys = startSurveys({
    config,
    problems,
    reporter,
    onMatch: (survey) => canSend && allowed(survey) && popup.open(survey, false),
    onPage() {
      frequency.newPage()
      popup.page()
    },
    onStart() {
      // Answers an earlier page view left unsent go out once the browser is idle.
      if (outbox.hasWaiting()) idle.idle(() => when(outbox.ready(), noop, reportOutbox))
      // A survey that may still ask this visitor here (audience, sample and frequency allow it):
      // its parts load once the page has, so that it shows the moment it is asked. A visitor no
      // survey may ask — one who answered, or outside every audience — loads none of them.
      if (canSend && surveys.list().some((survey) => !survey.trigger?.manual && allowed(survey))) afterLoad(preload)
    }
  })

  const show = (surveyId: string, options: ShowOptions = {}) => {
    const survey = surveys.list().find((candidate) => candidate.id == surveyId)
    if (!survey) {
      report({ reason: 'command', message: messages.unknownSurvey(surveyId) })
      return false
    }
    // Focus moves into the dialog only when show() runs inside the visitor's own click or key
    // press: a survey opened by a timer never takes focus, even seconds after a click.
    return canSend && (!!options.force || allowed(survey)) && popup.open(survey, byVisitor(), options)
  }

  // A value that cannot travel as JSON is left out of the answer when it is made, and named then.
  const identify = (userId: string, attributes?: Record<string, unknown>) => {
    user.id = userId
    user.attributes = { ...user.attributes, ...attributes } as typeof user.attributes
  }

  return {
    track: (event, props) => void guard(surveys.track)(event, props),
    show: (surveyId, options) => guard(show)(surveyId, options) ?? false,
    page: () => void guard(surveys.page)(),
    identify: (userId, attributes) => void guard(identify)(userId, attributes),
    on: events.on,
    flush: () => Promise.resolve(canSend ? outbox.ready() : undefined).then((box) => box?.flush(), reportOutbox),
    destroy: () =>
      void guard(() => {
        idle.cancel()
        unbindLoad?.()
        surveys.destroy()
        popup.destroy()
        outbox.destroy()
        events.clear()
      })()
  }
}
