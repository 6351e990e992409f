import type { Transport } from '../types'
import { forwardTo } from './forward-to'

/**
 * Records each answer as an Intercom event: `Intercom('trackEvent', event, metadata)`.
 * Intercom keeps at most ten metadata keys of plain values, so these are sent:
 * answer_id, survey_id, type, score, comment, reasons (the values joined by ", "), complete,
 * locale, url.
 *
 * @example
 * init({ transport: intercomTransport(), surveys })
 */
export const intercomTransport = (event = 'survey-answered'): Transport =>
  forwardTo<(command: string, ...args: unknown[]) => void>('Intercom', 'Intercom', (intercom, answer) =>
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
  )
