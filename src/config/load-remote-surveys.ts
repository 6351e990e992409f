import { problem, type Problem } from './problem'

// The remote part's one sentence, kept beside it: the core never says it.
const remoteConfig = (url: string, why: string, copy?: number) =>
  problem(['configUrl'], `${url} ${why}; ${copy ? `using the copy of ${new Date(copy).toISOString()}` : 'no copy to fall back on'}`)

interface Copy {
  at: number
  surveys: unknown[]
}

/**
 * Surveys from a JSON file the team controls (`{ "surveys": [ … ] }`), unchecked:
 * the core checks them as it checks inline ones. A copy is kept in localStorage and
 * used for `cacheMs`; when the file cannot be fetched, the last good copy is used,
 * however old, and the problem is reported.
 */
export const loadRemoteSurveys = async (url: string, cacheMs: number, problems: Problem[]): Promise<unknown[]> => {
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
      problems.push(remoteConfig(url, (error as Error).message, copy?.at))
      surveys = copy?.surveys ?? []
    }
  }
  return surveys
}
