import type { ParsedSurvey } from '../config/schema'
import type { Scalar } from '../types'
import { matches } from './matches'

export interface Triggers {
  /** An event from `track()`: surveys waiting for it may show. */
  track(event: string, props?: Record<string, Scalar>): void
  destroy(): void
}

/**
 * Decides when each survey asks: on page view (no trigger), on an event
 * (with conditions on its properties), each after its `delay`.
 */
export const createTriggers = (surveys: ParsedSurvey[], onMatch: (survey: ParsedSurvey) => void): Triggers => {
  const timers = new Set<ReturnType<typeof setTimeout>>()
  const fire = (survey: ParsedSurvey, delay = 0) => {
    const timer = setTimeout(() => {
      timers.delete(timer)
      onMatch(survey)
    }, delay)
    timers.add(timer)
  }

  for (const survey of surveys) {
    const { trigger } = survey
    if (!trigger) fire(survey)
    else if (!trigger.manual && !trigger.event) fire(survey, trigger.delay)
  }

  return {
    track(event, props) {
      for (const survey of surveys) {
        const { trigger } = survey
        if (trigger?.event === event && matches(trigger.props, props)) {
          fire(survey, trigger.delay)
        }
      }
    },
    destroy() {
      timers.forEach(clearTimeout)
      timers.clear()
    }
  }
}
