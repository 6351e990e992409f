import { parseSurveys } from './config/parse-config'
import { problem, type Problem } from './config/problem'
import type { ParsedConfig, ParsedSurvey } from './config/schema'
import type { Reporter } from './create-reporter'
import { loadPart } from './load-part'
import * as messages from './messages'
import { createTriggers, type Triggers } from './triggers/create-triggers'
import type { Scalar } from './types'
import { when } from './when'

export interface StartOptions {
  config: ParsedConfig
  /** The configuration's problems so far; reported once the remote surveys are in. */
  problems: Problem[]
  reporter: Reporter
  /** A survey's trigger matched. */
  onMatch(survey: ParsedSurvey): void
  /** A new page view of a single-page app. */
  onPage(): void
  /** Started: the surveys are known and their triggers listen. */
  onStart(): void
}

export interface Surveys {
  /** Every survey, inline and remote, once started (the inline ones until then). */
  list(): ParsedSurvey[]
  track(event: string, props?: Record<string, Scalar>): void
  page(): void
  destroy(): void
}

/**
 * Starts the surveys once the page is parsed and `init` has returned, so that `init(…).on(…)`
 * hears everything: with the surveys from `configUrl` (fetched from the start, by the remote
 * part), their problems reported, their triggers listening. Events tracked before that wait.
 */
export const startSurveys = ({ config, problems, reporter, onMatch, onPage, onStart }: StartOptions): Surveys => {
  let surveys = config.surveys
  let triggers: Triggers | undefined
  let destroyed = false
  const early: [string, Record<string, Scalar> | undefined][] = []
  const { configUrl } = config
  const remote =
    configUrl &&
    Promise.resolve(loadPart('remote'))
      .then((part) => part.loadRemoteSurveys(configUrl, config.configCacheMs, problems))
      .catch((error) => {
        problems.push(problem(['configUrl'], messages.noPart('remote', error)))
        return []
      })

  const start = () =>
    when(
      remote || [],
      reporter.guard((more: unknown[]) => {
        if (destroyed) return
        surveys = [...surveys, ...parseSurveys(more, ['configUrl', 'surveys'], surveys, problems)]
        for (const { message, path } of problems) reporter.report({ reason: 'config', message, path })
        triggers = createTriggers(surveys, reporter.guard(onMatch), onPage)
        for (const [event, props] of early) triggers.track(event, props)
        onStart()
      })
    )
  // After the script that called init, and once the page is parsed.
  let timer: ReturnType<typeof setTimeout> | undefined
  const ready = () => (timer = setTimeout(start))
  if (document.readyState == 'loading') document.addEventListener('DOMContentLoaded', ready, { once: true })
  else ready()

  return {
    list: () => surveys,
    track(event, props) {
      if (triggers) triggers.track(event, props)
      else early.push([event, props])
    },
    page: () => triggers?.page(),
    destroy() {
      destroyed = true
      clearTimeout(timer)
      document.removeEventListener('DOMContentLoaded', ready)
      triggers?.destroy()
    }
  }
}
