import type { ServerResponse } from 'node:http'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { stringify } from 'csv-stringify/sync'
import type { AnswerSelection, Store, StoredAnswer } from '../store/store'

const columns = [
  { key: 'id', header: 'id' },
  { key: 'surveyId', header: 'survey_id' },
  { key: 'type', header: 'type' },
  { key: 'score', header: 'score' },
  { key: 'comment', header: 'comment' },
  { key: 'reasons', header: 'reasons' },
  { key: 'complete', header: 'complete' },
  { key: 'createdAt', header: 'created_at' },
  { key: 'receivedAt', header: 'received_at' },
  { key: 'url', header: 'url' },
  { key: 'locale', header: 'locale' },
  { key: 'visitorId', header: 'visitor_id' },
  { key: 'userId', header: 'user_id' },
  { key: 'attributes', header: 'attributes' }
]

// A cell starting with = + - @ (or a tab or CR) is run as a formula by spreadsheets: a leading quote defuses it.
const defuse = (text: string) => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text)

// The reasons in one cell, as a spreadsheet's multiple-choice column holds them.
const asRow = (answer: StoredAnswer) => ({ ...answer, reasons: answer.reasons?.join('; ') })

const csv = (answers: StoredAnswer[], header: boolean) =>
  stringify(answers.map(asRow), {
    header,
    columns,
    record_delimiter: 'windows',
    cast: { string: defuse, object: (value) => defuse(JSON.stringify(value)), boolean: (value) => String(value) }
  })

/**
 * Streams the selected answers (the filter, a search, a segment) as CSV (csv-stringify), a page of answers to a
 * write: the pipeline reads the next page only when the client has taken the
 * last, whatever its pace. The first page is read before the status, so that a
 * database that is away answers 503; an error later destroys the response, and
 * the client sees a failed download rather than a file that looks complete.
 */
export const writeCsv = async (response: ServerResponse, store: Store, selection: AnswerSelection, pageSize = 500) => {
  const page = (after?: StoredAnswer) => store.answers({ ...selection, limit: pageSize, after: after && { createdAt: after.createdAt, id: after.id } })
  const first = await page()
  async function* pages() {
    yield csv(first, true)
    for (let last = first; last.length === pageSize; ) {
      last = await page(last.at(-1))
      if (last.length) yield csv(last, false)
    }
  }
  response.writeHead(200, {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': 'attachment; filename="sayso-answers.csv"',
    'Cache-Control': 'no-store'
  })
  await pipeline(Readable.from(pages()), response)
}
