import { segmentOf } from '../../src/wire/scales'
import type { StoredAnswer } from '../store/store'
import type { Hook, SurveyInfo } from './hook'

const typeNames = { nps: 'NPS', csat: 'CSAT', ces: 'CES' }

// Slack reads &, < and > as its own markup (<url|label>, <!channel>): a visitor's text is escaped.
const slackText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

/** The answer as the wire has it, without the collector's own times. */
const wireAnswer = ({ receivedAt: _received, updatedAt: _updated, ...answer }: StoredAnswer) => answer

/**
 * What a hook posts for an answer: `json` gives `{ answer, survey }` (the survey as
 * surveys.json describes it, or its id and type alone); `slack` gives Slack's
 * incoming-webhook `{ text }` with the score, the segment, the comment and the page.
 */
export const hookBody = (hook: Hook, answer: StoredAnswer, survey?: SurveyInfo): string => {
  if (hook.format === 'json') return JSON.stringify({ answer: wireAnswer(answer), survey: survey ?? { id: answer.surveyId, type: answer.type } })
  const lines = [
    `*${typeNames[answer.type]} ${answer.score}* (${segmentOf(answer.type, answer.score)}) on ${slackText(answer.surveyId)}`,
    answer.comment ? `> ${slackText(answer.comment).replace(/\n/g, '\n> ')}` : '_no comment_',
    `Page: ${slackText(answer.url)}`
  ]
  return JSON.stringify({ text: lines.join('\n') })
}
