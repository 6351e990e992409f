// @vitest-environment node
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createPostgresStore } from '../../collector/store/postgres-store'
import { createSqliteStore } from '../../collector/store/sqlite-store'
import type { Store } from '../../collector/store/store'
import type { Answer, Display, SurveyRecord } from '../../src/types'
import { makeAnswer } from './helpers'
import { startCollector, type RunningCollector } from './running-collector'

// GET /api/summary as a team reads it: displays, response rate, segments with their margins,
// and the period before, through the real collector on both databases. The figures expected are
// worked out by hand here, from the formulas of README.md ("What the summary's figures mean").

const postgres = process.env.SAYSO_TEST_POSTGRES
const schema = `sayso_summary_${process.pid}_${Date.now()}`
const stores: [string, () => Promise<Store>][] = [['SQLite', async () => createSqliteStore(':memory:')]]
if (postgres) stores.push(['PostgreSQL', () => createPostgresStore(postgres, { schema })])

afterAll(async () => {
  if (!postgres) return
  const client = new pg.Client(postgres)
  await client.connect()
  await client.query(`DROP SCHEMA IF EXISTS ${pg.escapeIdentifier(schema)} CASCADE`)
  await client.end()
})

/** The display of an answer: the same record under the same id, before its score. */
const displayOf = ({ score: _score, comment: _comment, reasons: _reasons, ...answer }: Answer, dismissed = false): Display => ({
  ...answer,
  complete: false,
  ...(dismissed && { dismissed })
})

describe.each(stores)('the summary on %s', (_, open) => {
  let collector: RunningCollector
  let store: Store
  beforeAll(async () => {
    store = await open()
    collector = await startCollector({ store })
  })
  afterAll(async () => {
    await collector.close()
    await store.close()
  })
  const post = async (records: SurveyRecord[]) => {
    for (let i = 0; i < records.length; i += 20) expect((await collector.post({ answers: records.slice(i, i + 20) })).status).toBe(200)
  }
  const summary = async (query: string) => {
    const response = await collector.read(`/api/summary?${query}`)
    return { status: response.status, body: await response.json() }
  }

  it('counts displays, answers, the response rate, the completed and the dismissed', async () => {
    const surveyId = 'funnel'
    const answers = [
      makeAnswer({ surveyId, score: 10, complete: true }),
      makeAnswer({ surveyId, score: 3, complete: false })
    ]
    const unanswered = [makeAnswer({ surveyId }), makeAnswer({ surveyId }), makeAnswer({ surveyId })]
    // Each shown first; then two answered, one of them finished; two of the others closed unanswered.
    await post([...answers, ...unanswered].map((answer) => displayOf(answer)))
    await post([...answers, displayOf(unanswered[0], true), displayOf(unanswered[1], true)])
    for (const query of [`survey=${surveyId}`, `survey=${surveyId}&url=*`]) {
      const { body } = await summary(query)
      expect(body.surveys).toEqual([
        expect.objectContaining({ surveyId, displays: 5, count: 2, responseRate: 0.4, completed: 1, dismissed: 2, score: 0, promoters: 1, detractors: 1 })
      ])
    }
  })

  it('gives no score and no division by zero for a survey only shown', async () => {
    await post([displayOf(makeAnswer({ surveyId: 'only-shown' }))])
    const { body } = await summary('survey=only-shown')
    expect(body.surveys).toEqual([expect.objectContaining({ displays: 1, count: 0, responseRate: 0, score: null })])
  })
})
