import type { ServerResponse } from 'node:http'
import { json } from '../http/reply'
import { exactRoutes, type Route, type Routes, type Target } from '../http/route'
import type { AnswerFilter, AnswerSelection, Store } from '../store/store'
import { bearerToken } from './bearer-token'
import { readAnswersOptions } from './read-answers-options'
import { decodeCursor, encodeCursor, readFilter } from './read-filter'
import { readSummaryOptions } from './read-summary-options'
import { summarizeWith } from './summarize-with'
import { trend } from './summarize'
import { writeCsv } from './write-csv'

export interface ResultsOptions {
  store: Store
  /** `DASHBOARD_TOKEN`: every read needs it as `Authorization: Bearer …`. */
  dashboardToken: string
}

/**
 * Reading the results, behind the dashboard token: `GET /api/summary` (with
 * `by` for segments and `compare=previous`), `/api/trend`, `/api/answers` and `/api/answers.csv`
 * (with `q`, and `by` with `segment`), `/api/attributes`, each filtered by survey, dates and URL.
 */
export const resultsRoutes = ({ store, dashboardToken }: ResultsOptions): Routes => {
  const authorized = bearerToken(dashboardToken)
  const read =
    (answer: (response: ServerResponse, filter: AnswerFilter, query: URLSearchParams) => Promise<void>): Route =>
    async (request, response, { query }: Target) => {
      if (!authorized(request)) {
        const why = query.has('token')
          ? 'the token is never read from the address (logs keep addresses): send it as Authorization: Bearer <DASHBOARD_TOKEN>'
          : 'reading the results needs the dashboard token: Authorization: Bearer <DASHBOARD_TOKEN>'
        return json(response, 401, { error: why }, { 'WWW-Authenticate': 'Bearer' })
      }
      const read = readFilter(query)
      if ('problems' in read) return json(response, 400, { error: 'invalid filter', problems: read.problems })
      await answer(response, read.filter, query)
    }
  // A read of answers: the filter, narrowed by `q` and a segment.
  const readAnswers = (answer: (response: ServerResponse, selection: AnswerSelection, query: URLSearchParams) => Promise<void>): Route =>
    read(async (response, filter, query) => {
      const asked = readAnswersOptions(query)
      if ('problems' in asked) return json(response, 400, { error: 'invalid filter', problems: asked.problems })
      await answer(response, { ...filter, ...asked.options }, query)
    })

  return exactRoutes({
    'GET /api/summary': read(async (response, filter, query) => {
      const asked = readSummaryOptions(query, filter)
      if ('problems' in asked) return json(response, 400, { error: 'invalid summary', problems: asked.problems })
      json(response, 200, await summarizeWith(store, filter, asked.options))
    }),
    'GET /api/trend': read(async (response, filter, query) => {
      const period = query.get('period') === 'day' ? 'day' : 'week'
      json(response, 200, { period, ...trend(await store.scoreTrend(filter, period)) })
    }),
    'GET /api/answers': readAnswers(async (response, selection, query) => {
      const limit = Math.min(Math.max(Math.floor(Number(query.get('limit'))) || 100, 1), 1000)
      const cursor = query.get('cursor')
      const after = cursor ? decodeCursor(cursor) : undefined
      if (cursor && !after) return json(response, 400, { error: 'invalid cursor', problems: ['cursor: expected the `next` of an earlier page'] })
      const answers = await store.answers({ ...selection, limit, after, withComment: query.get('comments') === '1' })
      const last = answers.at(-1)
      json(response, 200, { answers, next: answers.length === limit && last ? encodeCursor(last) : null })
    }),
    'GET /api/answers.csv': readAnswers((response, selection) => writeCsv(response, store, selection)),
    'GET /api/attributes': read(async (response, filter) => json(response, 200, { keys: await store.attributeKeys(filter) }))
  })
}
