import type { Answer, Display } from '../types'
import type { DrawnSurvey, Instance, Showing } from './create-presenter'

/**
 * What the visitor does with one drawing of a survey, recorded in the frequency, told as events
 * and kept in the outbox: shown (its display), answered (the score, then the follow-up), closed
 * (the display again, dismissed, when no score was chosen). The display goes to the outbox
 * before any answer to it, and never after one: a later copy replaces what is queued.
 */
export const followVisitor = ({ frequency, events, outbox }: Instance, survey: DrawnSurvey, showing: Showing, display: Display) => {
  let given: Answer | undefined
  return {
    shown() {
      showing.shown()
      frequency.record(survey, 'shown')
      if (!given) outbox()?.push(display)
      events.emit('show', { surveyId: survey.id, type: survey.type })
    },
    answered(answer: Answer, event: 'answer' | 'submit') {
      if (!given) frequency.record(survey, 'answered')
      given = answer
      outbox()?.push(answer)
      events.emit(event, answer)
      if (event == 'answer' && answer.complete) events.emit('submit', answer)
    },
    closed() {
      showing.done()
      if (!given) {
        frequency.record(survey, 'dismissed')
        outbox()?.push({ ...display, dismissed: true })
      }
      if (!given?.complete) events.emit('dismiss', { surveyId: survey.id, answered: !!given })
    },
    /** The answer so far: none before a score is chosen. */
    given: () => given
  }
}
