import type { ParsedSurvey } from '../config/schema'

type Outcome = 'shown' | 'answered' | 'dismissed'
interface Seen {
  /** When the last pop-up of any survey showed. */
  last?: number
  /** Per survey: when it was last answered (`a`) and dismissed (`d`). */
  s: Record<string, { a?: number; d?: number }>
}

const KEY = 'sayso:seen'
const DAY = 24 * 60 * 60 * 1000

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
 * or `dismissedDays`. Kept in localStorage (no cookies); in memory when that fails.
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
    allows({ id, frequency }) {
      const seen = read()
      return (
        !shownThisPage &&
        !within(seen.last, cooldownDays) &&
        !within(seen.s[id]?.a, frequency.answeredDays) &&
        !within(seen.s[id]?.d, frequency.dismissedDays)
      )
    },
    record({ id }, outcome) {
      const seen = read()
      const now = Date.now()
      if (outcome == 'shown') {
        shownThisPage = true
        seen.last = now
      } else (seen.s[id] ??= {})[outcome == 'answered' ? 'a' : 'd'] = now
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
