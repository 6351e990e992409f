import type { StoredAnswer } from '../../collector/store/store'

/** What a test gave: the fields a stored row must match. */
export interface Given {
  id: string
  surveyId: string
  score: number
  complete: boolean
  comment?: string
}

/**
 * Runs in the page: leaves answers in the outbox's storage, as an earlier page view that could
 * not send them would (one key each, `sayso:q:<endpoint>:<id>`), and returns what it left.
 */
export const leaveBacklog = ({ surveyId, scores, endpoint = '/api/answers' }: { surveyId: string; scores: number[]; endpoint?: string }) =>
  scores.map((score, index) => {
    const id = `${surveyId}-${Date.now().toString(36)}-${index}-${Math.random().toString(36).slice(2, 10)}`
    const answer = {
      id, surveyId, type: 'nps', score, complete: true, createdAt: new Date().toISOString(),
      url: location.href, locale: 'en', visitorId: 'backlog', sdk: 'sayso@0.1.0'
    }
    localStorage.setItem(`sayso:q:${endpoint}:${id}`, JSON.stringify({ answer }))
    return { id, surveyId, score, complete: true }
  })

const fields = ({ id, surveyId, score, complete, comment }: Given) => ({ id, surveyId, score, complete, ...(comment !== undefined && { comment }) })
const byId = (a: Given, b: Given) => a.id.localeCompare(b.id)

/**
 * The stored rows, in the fields a visitor gave, to compare with the answers given: as many
 * rows as answers, and each with its score, comment and completeness. (Counting distinct ids
 * would prove nothing: the id is the table's key.)
 */
export const asGiven = (rows: (StoredAnswer | Given)[]) => rows.map(fields).sort(byId)
