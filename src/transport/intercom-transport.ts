import type { Transport } from '../types'
import { forwardTo } from './forward-to'

/**
 * Records each answer as an Intercom event: `Intercom('trackEvent', event, metadata)`.
 * Intercom keeps at most ten metadata keys of plain values, so these are sent:
 * answer_id, survey_id, type, score, comment, reasons (the values joined by ", "), complete,
 * locale, url. Displays (a survey shown, a record without a score) are not sent: a CRM's
 * timeline is for what a customer said, and a display counts as delivered.
 *
 * @example
 * init({ transport: intercomTransport(), surveys })
 */
export const intercomTransport = (event = 'survey-answered'): Transport =>
  forwardTo<(command: string, ...args: unknown[]) => void>('Intercom', 'Intercom', (intercom, answer) => {
    if (answer.score === undefined) return
    intercom('trackEvent', event, {
      answer_id: answer.id,
      survey_id: answer.surveyId,
      type: answer.type,
      score: answer.score,
      comment: answer.comment ?? '',
      reasons: answer.reasons?.join(', ') ?? '',
      complete: answer.complete,
      locale: answer.locale,
      url: answer.url
    })
  })
