import type { ParsedSurvey } from '../config/schema'
import { randomId } from '../random-id'
import { notScalar } from './messages'
import type { Device, Display, SaysoError, User } from '../types'
import { version } from '../version'
import { isScalar } from '../wire/is-scalar'

interface DisplayFields {
  survey: ParsedSurvey
  /** The id the answer will have: a new one, or the one a link gives. */
  id?: string
  locale: string
  visitorId: string
  user: User
  report: (error: SaysoError) => void
}

/** Phones and small tablets held upright: where analytics tools commonly draw the line. */
const device = (): Device => (matchMedia('(max-width: 767px)').matches ? 'mobile' : 'desktop')

/**
 * A survey shown, as it travels to the endpoint: the answer given to it is the same record
 * with a score, under the same idempotency key, so the collector keeps one row of both. The
 * URL leaves out the query and the fragment, where sign-in tokens and e-mail addresses tend
 * to travel. An attribute that cannot travel as JSON (a BigInt, an object, a function) is
 * left out and named, so that it never costs the answer (docs/delivery.md, rule 10).
 */
export const createDisplay = ({ survey, id = randomId(), locale, visitorId, user, report }: DisplayFields): Display => {
  const display: Display = {
    id,
    surveyId: survey.id,
    type: survey.type,
    complete: false,
    createdAt: new Date().toISOString(),
    url: location.origin + location.pathname,
    locale,
    visitorId,
    device: device(),
    sdk: `sayso@${version}`
  }
  if (user.id) display.userId = user.id
  const attributes = Object.entries(user.attributes ?? {}).filter(([key, value]) => {
    const travels = isScalar(value)
    if (!travels) report({ reason: 'command', message: notScalar(key, value) })
    return travels
  })
  if (attributes.length) display.attributes = Object.fromEntries(attributes)
  return display
}
