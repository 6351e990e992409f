import type { ParsedSurvey } from '../config/schema'
import { randomId } from '../random-id'
import type { Answer, User } from '../types'
import { version } from '../version'

interface AnswerFields {
  survey: ParsedSurvey
  score: number
  locale: string
  visitorId: string
  user: User
  complete: boolean
}

/**
 * A new answer with its idempotency key. The URL leaves out the query and the
 * fragment, where sign-in tokens and e-mail addresses tend to travel.
 */
export const createAnswer = ({ survey, score, locale, visitorId, user, complete }: AnswerFields): Answer => {
  const answer: Answer = {
    id: randomId(),
    surveyId: survey.id,
    type: survey.type,
    score,
    complete,
    createdAt: new Date().toISOString(),
    url: location.origin + location.pathname,
    locale,
    visitorId,
    sdk: `sayso@${version}`
  }
  if (user.id) answer.userId = user.id
  if (user.attributes && Object.keys(user.attributes).length) answer.attributes = { ...user.attributes }
  return answer
}
