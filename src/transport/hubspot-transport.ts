import type { Transport } from '../types'
import { forwardTo } from './forward-to'

/**
 * Sends each answer to HubSpot as a custom behavioral event:
 * `_hsq.push(['trackCustomBehavioralEvent', { name, properties }])`. `name` is the
 * event's internal name from HubSpot (such as `pe1234567_survey_answered`); its
 * properties must exist there: answer_id, survey_id, survey_type, score, comment, reasons,
 * complete. `reasons` is the values joined by ";", as HubSpot takes a multiple-checkbox
 * property's values. Displays (a survey shown, a record without a score) are not sent: a
 * CRM's timeline is for what a customer said, and a display counts as delivered.
 *
 * @example
 * init({ transport: hubspotTransport('pe1234567_survey_answered'), surveys })
 */
export const hubspotTransport = (name: string): Transport =>
  forwardTo<{ push(command: unknown[]): void }>('HubSpot', '_hsq', (hsq, answer) => {
    if (answer.score === undefined) return
    hsq.push([
      'trackCustomBehavioralEvent',
      {
        name,
        properties: {
          answer_id: answer.id,
          survey_id: answer.surveyId,
          survey_type: answer.type,
          score: answer.score,
          comment: answer.comment ?? '',
          reasons: answer.reasons?.join(';') ?? '',
          complete: answer.complete
        }
      }
    ])
  })
