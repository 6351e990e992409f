import type { ParsedSurvey } from '../config/schema'
import { randomId } from '../random-id'
import { notScalar } from './messages'
import type { Answer, SaysoError, User } from '../types'
import { version } from '../version'
import { isScalar } from '../wire/is-scalar'

interface AnswerFields {
  survey: ParsedSurvey
  score: number
  locale: string
  visitorId: string
  user: User
  complete: boolean
  report: (error: SaysoError) => void
}

/**
 * A new answer with its idempotency key. The URL leaves out the query and the
 * fragment, where sign-in tokens and e-mail addresses tend to travel. An attribute that
 * cannot travel as JSON (a BigInt, an object, a function) is left out and named, so that
 * it never costs the answer (docs/delivery.md, rule 10).
 */
export const createAnswer = ({ survey, score, locale, visitorId, user, complete, report }: AnswerFields): Answer => {
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
  const attributes = Object.entries(user.attributes ?? {}).filter(([key, value]) => {
    if (!isScalar(value)) report({ reason: 'command', message: notScalar(key, value) })
    return isScalar(value)
  })
  if (attributes.length) answer.attributes = Object.fromEntries(attributes)
  return answer
}
