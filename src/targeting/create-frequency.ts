import type { ParsedSurvey } from '../config/schema'

type Outcome = 'shown' | 'answered' | 'dismissed'
interface Seen {
  /** When the last pop-up of any survey showed. */
  last?: number
  /** Per survey (an inline survey per survey and path): when it was last answered (`a`) and dismissed (`d`). */
  s: Record<string, { a?: number; d?: number }>
}

const KEY = 'sayso:seen'
const DAY = 24 * 60 * 60 * 1000

// An inline survey asks once per page: answered under one article, it still asks under the next.
const keyOf = ({ id, inline }: ParsedSurvey) => (inline ? `${id} ${location.pathname}` : id)

export interface Frequency {
  /** Whether a survey may pop up now. */
  allows(survey: ParsedSurvey): boolean
  record(survey: ParsedSurvey, outcome: Outcome): void
  /** A new page view: another pop-up may show. */
  newPage(): void
}

/**
 * Survey fatigue control: at most one pop-up per page view, none within
 * `cooldownDays` of the last, and none of a survey within its `answeredDays`
 * or `dismissedDays`. An inline survey is no pop-up: the first two rules leave it be, and the
 * last counts per page path. Kept in localStorage (no cookies); in memory when that fails.
 */
export const createFrequency = (cooldownDays: number, storage = () => localStorage): Frequency => {
  let memory: Seen = { s: {} }
  let shownThisPage = false
  const read = (): Seen => {
    try {
      return JSON.parse(storage().getItem(KEY)!) ?? memory
    } catch {
      return memory
    }
  }
  const within = (time: number | undefined, days: number) => time !== undefined && Date.now() - time < days * DAY
  return {
    allows(survey) {
      const seen = read()
      const { a, d } = seen.s[keyOf(survey)] ?? {}
      return (
        (!!survey.inline || (!shownThisPage && !within(seen.last, cooldownDays))) &&
        !within(a, survey.frequency.answeredDays) &&
        !within(d, survey.frequency.dismissedDays)
      )
    },
    record(survey, outcome) {
      const seen = read()
      const now = Date.now()
      if (outcome != 'shown') (seen.s[keyOf(survey)] ??= {})[outcome == 'answered' ? 'a' : 'd'] = now
      else if (!survey.inline) {
        shownThisPage = true
        seen.last = now
      }
      memory = seen
      try {
        storage().setItem(KEY, JSON.stringify(seen))
      } catch {
        // Memory keeps it for this page.
      }
    },
    newPage: () => void (shownThisPage = false)
  }
}
