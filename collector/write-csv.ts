import type { ServerResponse } from 'node:http'
import type { AnswerFilter, Store, StoredAnswer } from './store'

const header = ['id', 'survey_id', 'type', 'score', 'comment', 'complete', 'created_at', 'received_at', 'url', 'locale', 'visitor_id', 'user_id', 'attributes']

// Quoted when needed; a leading = + - @ is defused, so that a spreadsheet never runs a comment as a formula.
const cell = (value: unknown) => {
  let text = value === undefined || value === null ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value)
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

const line = (answer: StoredAnswer) =>
  [answer.id, answer.surveyId, answer.type, answer.score, answer.comment, answer.complete, answer.createdAt, answer.receivedAt, answer.url, answer.locale, answer.visitorId, answer.userId, answer.attributes]
    .map(cell)
    .join(',') + '\r\n'

/** Streams the filtered answers as CSV, a page at a time, waiting whenever the client is slower than the database. */
export const writeCsv = async (response: ServerResponse, store: Store, filter: AnswerFilter, pageSize = 500) => {
  response.writeHead(200, {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': 'attachment; filename="sayso-answers.csv"',
    'Cache-Control': 'no-store'
  })
  response.write(header.join(',') + '\r\n')
  for (let after: StoredAnswer | undefined; ; ) {
    const page = await store.answers({ ...filter, limit: pageSize, after: after && { createdAt: after.createdAt, id: after.id } })
    if (!page.length || response.destroyed) break
    if (!response.write(page.map(line).join(''))) {
      await new Promise((resume) => (response.once('drain', resume), response.once('close', resume)))
    }
    after = page.at(-1)
  }
  response.end()
}
