import { messages } from '../messages'
import type { Problem } from './format-issues'
import { parseSurveys } from './parse-config'
import type { ParsedSurvey } from './schema'

interface Copy {
  at: number
  surveys: unknown[]
}

/**
 * Surveys from a JSON file the team controls (`{ "surveys": [ … ] }`), checked
 * with the same schema as inline ones. A copy is kept in localStorage and used
 * for `cacheMs`; when the file cannot be fetched, the last good copy is used,
 * however old, and the problem is reported.
 */
export const loadRemoteSurveys = async (url: string, cacheMs: number, known: ParsedSurvey[], problems: Problem[]): Promise<ParsedSurvey[]> => {
  const key = `sayso:config:${url}`
  let copy: Copy | undefined
  try {
    copy = JSON.parse(localStorage.getItem(key)!) ?? undefined
  } catch {
    // No storage: every page view fetches.
  }
  let surveys = copy && Date.now() - copy.at < cacheMs && copy.at <= Date.now() ? copy.surveys : undefined
  if (!surveys) {
    try {
      const response = await fetch(url, { credentials: 'omit' }).catch(() => {
        throw new Error('could not be fetched')
      })
      if (!response.ok) throw new Error(`answered HTTP ${response.status}`)
      const body = await response.json().catch(() => {
        throw new Error('is not JSON')
      })
      if (!Array.isArray(body?.surveys)) throw new Error('has no "surveys" list')
      surveys = body.surveys as unknown[]
      try {
        localStorage.setItem(key, JSON.stringify({ at: Date.now(), surveys }))
      } catch {
        // Kept for this page only.
      }
    } catch (error) {
      problems.push(messages.remoteConfig(url, (error as Error).message, copy?.at))
      surveys = copy?.surveys ?? []
    }
  }
  return parseSurveys(surveys, ['configUrl', 'surveys'], known, problems)
}
