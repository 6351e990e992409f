// @vitest-environment node
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import fc from 'fast-check'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createPostgresStore } from '../../collector/store/postgres-store'
import { createSqliteStore } from '../../collector/store/sqlite-store'
import type { AnswerFilter, Period, PeriodCounts, Store, SurveyCounts } from '../../collector/store/store'
import { summarize } from '../../collector/results/summarize'
import type { Answer, Display, SurveyRecord, SurveyType } from '../../src/types'
import { scales } from '../../src/wire/scales'
import { makeAnswer } from './helpers'

// One suite for both stores. PostgreSQL runs when SAYSO_TEST_POSTGRES names a server
// (.ci/run starts one); each run gets a schema of its own.
const postgres = process.env.SAYSO_TEST_POSTGRES
const schema = `sayso_test_${process.pid}_${Date.now()}`
const files = mkdtempSync(join(tmpdir(), 'sayso-store-'))
const stores: [string, (name: string) => Promise<Store>][] = [
  ['SQLite in memory', async () => createSqliteStore(':memory:')],
  // A file's reads run in a thread of their own.
  ['SQLite file', async (name) => createSqliteStore(join(files, `${name}.db`))]
]
if (postgres) stores.push(['PostgreSQL', (name) => createPostgresStore(postgres, { schema: `${schema}_${name}` })])
else console.log('PostgreSQL store tests skipped: set SAYSO_TEST_POSTGRES=postgres://… to run them')

afterAll(async () => {
  rmSync(files, { recursive: true, force: true })
  if (!postgres) return
  const client = new pg.Client(postgres)
  await client.connect()
  const { rows } = await client.query(`SELECT nspname FROM pg_namespace WHERE nspname LIKE $1`, [`${schema}%`])
  for (const { nspname } of rows) await client.query(`DROP SCHEMA ${pg.escapeIdentifier(nspname)} CASCADE`)
  await client.end()
})

// The scores as docs/collector.md defines them, written out here on their own: the oracle for the database's.
const designScore = (type: SurveyType, scores: number[]) => {
  const share = (test: (score: number) => boolean) => (100 * scores.filter(test).length) / scores.length
  if (type === 'nps') return share((score) => score >= 9) - share((score) => score <= 6)
  if (type === 'csat') return share((score) => score >= 4)
  return scores.reduce((sum, score) => sum + score, 0) / scores.length
}

// What the database must count, worked out here record by record (the latest copy of each id:
// a display without a score, or an answer).
const expected = (records: SurveyRecord[], filter: AnswerFilter, period?: Period) => {
  const groups = new Map<string, { surveyId: string; type: SurveyType; period?: string; scores: number[]; displays: number; completed: number; dismissed: number }>()
  for (const record of records) {
    const created = new Date(record.createdAt).toISOString()
    if (filter.surveyId && record.surveyId !== filter.surveyId) continue
    if (filter.from && created < filter.from) continue
    if (filter.to && created >= filter.to) continue
    const day = created.slice(0, 10)
    const monday = new Date(`${day}T00:00:00.000Z`)
    monday.setUTCDate(monday.getUTCDate() - ((monday.getUTCDay() + 6) % 7))
    const at = period === 'day' ? day : period === 'week' ? monday.toISOString().slice(0, 10) : undefined
    const key = `${record.surveyId}|${record.type}|${at}`
    const group = groups.get(key) ?? { surveyId: record.surveyId, type: record.type, ...(at && { period: at }), scores: [], displays: 0, completed: 0, dismissed: 0 }
    group.displays++
    if (record.score !== undefined) group.scores.push(record.score)
    if (record.complete) group.completed++
    if (record.score === undefined && record.dismissed) group.dismissed++
    groups.set(key, group)
  }
  return sortCounts(
    [...groups.values()].map(({ scores, displays, completed, dismissed, ...group }) => ({
      ...group,
      count: scores.length,
      // Without answers the database gives no score (NULL), read as 0.
      score: scores.length ? round(designScore(group.type, scores)) : 0,
      ...(!period && { displays, completed, dismissed }),
      ...(!period && { byScore: Array.from({ length: 11 }, (_, score) => scores.filter((given) => given === score).length) })
    }))
  )
}
// The database's arithmetic and this file's may differ in the last bits.
const round = (score: number) => Math.round(score * 1e6) / 1e6
const sortCounts = <T extends { surveyId: string; type: string; period?: string }>(counts: T[]) =>
  [...counts].sort((a, b) => `${a.surveyId}|${a.type}|${a.period}`.localeCompare(`${b.surveyId}|${b.type}|${b.period}`))
const counted = (rows: (SurveyCounts | PeriodCounts)[]) => sortCounts(rows.map((row) => ({ ...row, score: round(row.score) })))

/** The display of an answer: the same record under the same id, before its score. */
const displayOf = ({ score: _score, comment: _comment, reasons: _reasons, ...answer }: Answer, dismissed = false): Display => ({
  device: 'desktop',
  ...answer,
  complete: false,
  ...(dismissed && { dismissed })
})

describe.each(stores)('the %s store', (_, open) => {
  let store: Store
  beforeAll(async () => {
    store = await open('main')
  })
  afterAll(async () => {
    await store.close()
  })
  const one = async (id: string) => (await store.answers({ limit: 1000 })).filter((row) => row.id === id)

  it('keeps every field of an answer', async () => {
    const a = makeAnswer({ comment: 'Fast, "really"', reasons: ['speed', 'price'], userId: 'u_42', attributes: { plan: 'pro', seats: 3, trial: false, coupon: null } })
    await store.upsert([a])
    const [row] = await one(a.id)
    expect(row).toMatchObject(a)
    expect(new Date(row.receivedAt).getTime()).toBeGreaterThan(0)
  })

  it('merges copies: a comment and complete are added, never taken away; the score stays the first', async () => {
    const partial = makeAnswer({ complete: false, score: 7 })
    await store.upsert([partial])
    await store.upsert([{ ...partial, score: 2 }])
    await store.upsert([{ ...partial, complete: true, comment: 'Good' }])
    await store.upsert([partial])
    const rows = await one(partial.id)
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ score: 7, complete: true, comment: 'Good' })
  })

  it('keeps the reasons of a choice follow-up; a later copy with reasons adds them, as a comment is added', async () => {
    const scored = makeAnswer({ complete: false, score: 3 })
    await store.upsert([scored])
    expect((await one(scored.id))[0].reasons).toBeUndefined()
    await store.upsert([{ ...scored, complete: true, reasons: ['price', 'delivery; late'] }])
    await store.upsert([{ ...scored, complete: true }])
    expect(await one(scored.id)).toMatchObject([{ score: 3, complete: true, reasons: ['price', 'delivery; late'] }])
    const inOneBatch = makeAnswer({ complete: false })
    await store.upsert([inOneBatch, { ...inOneBatch, complete: true, reasons: ['speed'] }, inOneBatch])
    expect(await one(inOneBatch.id)).toMatchObject([{ complete: true, reasons: ['speed'] }])
  })

  it('keeps a display and its answer as one row: counted as one display and one answer, never in a score before it has one', async () => {
    const surveyId = 'shown-then-answered'
    const answer = makeAnswer({ surveyId, score: 10, complete: false })
    const unanswered = makeAnswer({ surveyId, score: 0 })
    await store.upsert([displayOf(answer), displayOf(unanswered, true)])
    const summary = async () => {
      const [counts] = await store.scoreCounts({ surveyId })
      return { displays: counts.displays, count: counts.count, completed: counts.completed, dismissed: counts.dismissed, score: counts.count ? counts.score : null }
    }
    expect(await summary()).toEqual({ displays: 2, count: 0, completed: 0, dismissed: 1, score: null })
    expect(await one(answer.id)).toEqual([])
    await store.upsert([answer])
    expect(await summary()).toEqual({ displays: 2, count: 1, completed: 0, dismissed: 1, score: 100 })
    await store.upsert([{ ...answer, complete: true, comment: 'Great' }])
    // Its display again, late (a retry): it takes nothing away.
    await store.upsert([displayOf(answer)])
    expect(await summary()).toEqual({ displays: 2, count: 1, completed: 1, dismissed: 1, score: 100 })
    expect(await one(answer.id)).toMatchObject([{ score: 10, complete: true, comment: 'Great', device: 'desktop' }])
    const [day] = await store.scoreTrend({ surveyId }, 'day')
    expect([day.count, day.score]).toEqual([1, 100])
  })

  it('makes one row of one id sent many times at once, also twice in one batch', async () => {
    const a = makeAnswer({ complete: false })
    await Promise.all(Array.from({ length: 12 }, (_, i) => store.upsert([i % 3 ? a : { ...a, complete: true, comment: 'x' }, a])))
    const rows = await one(a.id)
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ complete: true, comment: 'x' })
  })

  it('counts scores per survey, filtered by dates and URL, and by day or week (Monday)', async () => {
    const at = (day: string, extra = {}) => makeAnswer({ surveyId: 'counted', createdAt: `${day}T10:00:00.000Z`, ...extra })
    await store.upsert([
      at('2026-11-02', { score: 10 }), // a Monday
      at('2026-11-08', { score: 0, url: 'https://shop.example/checkout/done' }), // the Sunday of that week
      at('2026-11-09', { score: 9, url: 'https://shop.example/checkout/start' }),
      at('2026-11-20', { score: 9 })
    ])
    const counts = async (filter = {}) =>
      (await store.scoreCounts({ surveyId: 'counted', ...filter })).map((row) => `${row.count}:${row.byScore.flatMap((n, score) => (n ? [`${score}×${n}`] : [])).join(',')}`)
    const trend = async (period: Period) => (await store.scoreTrend({ surveyId: 'counted' }, period)).map((row) => `${row.period}:${row.count}:${row.score}`)
    expect(await counts()).toEqual(['4:0×1,9×2,10×1'])
    expect(await counts({ from: '2026-11-08T00:00:00.000Z', to: '2026-11-10T00:00:00.000Z' })).toEqual(['2:0×1,9×1'])
    expect(await counts({ from: '2026-11-08T12:00:00.000Z' })).toEqual(['2:9×2'])
    expect(await counts({ url: 'https://shop.example/checkout/*' })).toEqual(['2:0×1,9×1'])
    expect(await counts({ url: 'https://shop.example/checkout/done' })).toEqual(['1:0×1'])
    expect(await counts({ url: 'https://shop.example/check_ut/*' })).toEqual([])
    expect(await trend('week')).toEqual(['2026-11-02:2:0', '2026-11-09:1:100', '2026-11-16:1:100'])
    expect(await trend('day')).toEqual(['2026-11-02:1:100', '2026-11-08:1:-100', '2026-11-09:1:100', '2026-11-20:1:100'])
  })

  it.each<[SurveyType, number[], number]>([
    ['nps', [10, 9, 10], 100],
    ['nps', [0, 3, 6], -100],
    ['nps', [7, 8], 0],
    ['nps', [9, 10, 7, 8, 6], 20],
    ['nps', [9, 6, 6], -33.3],
    ['csat', [5, 4, 3, 1], 50],
    ['csat', [1, 2, 3], 0],
    ['csat', [5, 3, 3], 33.3],
    ['ces', [7, 5, 3], 5],
    ['ces', [1, 2], 1.5],
    ['ces', [4, 5, 6, 7], 5.5],
    ['ces', [7, 7, 6], 6.67]
  ])('scores %s %j as %s, as docs/collector.md defines it', async (type, scores, score) => {
    const surveyId = `design-${type}-${scores.join('-')}`
    await store.upsert(scores.map((given) => makeAnswer({ surveyId, type, score: given })))
    const { surveys } = summarize(await store.scoreCounts({ surveyId }))
    expect(surveys.map((survey) => [survey.count, survey.score])).toEqual([[scores.length, score]])
    const [point] = await store.scoreTrend({ surveyId }, 'day')
    expect(round(point.score)).toBe(round(designScore(type, scores)))
  })

  it('counts what it was given, from its daily counts and from the answers alike, however copies arrive', async () => {
    const surveyTypes: [string, SurveyType][] = [['p-nps', 'nps'], ['p-csat', 'csat'], ['p-ces', 'ces']]
    const anAnswer = fc
      .record({
        survey: fc.constantFrom(...surveyTypes),
        point: fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
        day: fc.integer({ min: 0, max: 40 }),
        second: fc.integer({ min: 0, max: 86_399 }),
        // Shown first (its display arrives before the answer), or never answered, perhaps dismissed.
        shown: fc.constantFrom('answer only', 'display, then answer', 'display only', 'dismissed')
      })
      .map(({ survey: [surveyId, type], point, day, second, shown }) => {
        const { min, max } = scales[type]
        const answer = makeAnswer({ surveyId, type, score: min + Math.floor(point * (max - min + 1)), complete: point < 0.7, createdAt: new Date(Date.UTC(2026, 9, 1 + day) + second * 1000).toISOString() })
        return { answer, display: shown === 'answer only' ? undefined : displayOf(answer, shown === 'dismissed'), answered: shown.includes('answer') }
      })
    const aFilter = fc.record(
      {
        surveyId: fc.constantFrom('p-nps', 'p-csat', 'p-ces'),
        from: fc.integer({ min: 0, max: 40 }).map((day) => new Date(Date.UTC(2026, 9, 1 + day)).toISOString()),
        to: fc.integer({ min: 0, max: 86_400 * 41 }).map((second) => new Date(Date.UTC(2026, 9, 1) + second * 1000).toISOString())
      },
      { requiredKeys: [] }
    )
    let runs = 0
    await fc.assert(
      fc.asyncProperty(fc.array(anAnswer, { minLength: 1, maxLength: 30 }), fc.array(aFilter, { minLength: 1, maxLength: 3 }), fc.constantFrom(undefined, 'day', 'week'), async (answers, filters, period: Period | undefined) => {
        // Each run its own surveys, so that earlier runs count in none.
        const run = `r${runs++}-`
        const mine = <T extends SurveyRecord>(record: T): T => ({ ...record, surveyId: run + record.surveyId })
        const displays = answers.flatMap(({ display }) => (display ? [mine(display)] : []))
        const given = answers.flatMap(({ answer, answered }) => (answered ? [mine(answer)] : []))
        await store.upsert(displays)
        await store.upsert(given)
        // Copies: the same answers again, finished, with a comment, in other batches; a display late.
        const finished = given.slice(0, 5).map((answer) => ({ ...answer, complete: true, comment: 'later' }))
        await store.upsert(finished)
        await store.upsert(given.slice(0, 3))
        await store.upsert(displays.slice(0, 2))
        const latest = new Map<string, SurveyRecord>([...displays, ...given, ...finished].map((record) => [record.id, record]))
        const read = async (filter: AnswerFilter) =>
          counted((period ? await store.scoreTrend(filter, period) : await store.scoreCounts(filter)).filter((row) => row.surveyId.startsWith(run)))
        for (const filter of filters) {
          const ours = { ...filter, ...(filter.surveyId && { surveyId: run + filter.surveyId }) }
          const wanted = expected([...latest.values()], ours, period)
          expect(await read(ours)).toEqual(wanted)
          // A URL filter matching every answer makes the store count the answers themselves.
          expect(await read({ ...ours, url: '*' })).toEqual(wanted)
        }
      }),
      { numRuns: 25 }
    )
  }, 30_000)

  it('pages through answers newest first, each once, and picks those with a comment', async () => {
    const paged = Array.from({ length: 25 }, (_, i) =>
      makeAnswer({ surveyId: 'paged', createdAt: new Date(Date.UTC(2026, 9, 1 + (i % 5))).toISOString(), ...(i % 4 === 0 && { comment: `c${i}` }) })
    )
    await store.upsert(paged)
    const seen: string[] = []
    let after
    for (let page = 0; page < 10; page++) {
      const rows = await store.answers({ surveyId: 'paged', limit: 7, after })
      if (!rows.length) break
      seen.push(...rows.map((row) => row.id))
      after = { createdAt: rows.at(-1)!.createdAt, id: rows.at(-1)!.id }
    }
    expect(seen.sort()).toEqual(paged.map((a) => a.id).sort())
    const ordered = await store.answers({ surveyId: 'paged', limit: 100 })
    expect(ordered.map((row) => row.createdAt)).toEqual([...ordered.map((row) => row.createdAt)].sort().reverse())
    expect((await store.answers({ surveyId: 'paged', withComment: true })).map((row) => row.comment).sort()).toEqual(
      ['c0', 'c12', 'c16', 'c20', 'c24', 'c4', 'c8'].sort()
    )
  })

  it('says it is ready while its database answers', async () => {
    expect(await store.ready()).toBe(true)
  })
})

describe('a database from before the daily counts, the reasons and the displays', () => {
  const oldAnswers = [
    makeAnswer({ surveyId: 'old', score: 10, createdAt: '2026-01-05T08:00:00.000Z' }),
    makeAnswer({ surveyId: 'old', score: 3, createdAt: '2026-01-05T09:00:00.000Z' }),
    makeAnswer({ surveyId: 'old', score: 10, createdAt: '2026-01-06T08:00:00.000Z', url: 'https://shop.example/checkout?step=2#pay' })
  ]
  // The path column (collector/store/path-of.ts) is filled from each old answer's URL.
  const oldPaths = ['/', '/', '/checkout']
  const oldTable = (text: string, bool: string, time: string, json: string) => `CREATE TABLE answers (id ${text} PRIMARY KEY, survey_id ${text} NOT NULL, type ${text} NOT NULL,
    score INTEGER NOT NULL, comment ${text}, complete ${bool} NOT NULL, created_at ${time} NOT NULL, received_at ${time} NOT NULL, updated_at ${time} NOT NULL,
    url ${text} NOT NULL, locale ${text} NOT NULL, visitor_id ${text} NOT NULL, user_id ${text}, attributes ${json}, sdk ${text} NOT NULL)`
  const oldCounts = `CREATE TABLE answer_days (survey_id TEXT NOT NULL, type TEXT NOT NULL, day TEXT NOT NULL, answers INTEGER NOT NULL);
    INSERT INTO answer_days VALUES ('old', 'nps', '2026-01-05', 1000)`
  const values = (answer: Answer) => [answer.id, answer.surveyId, answer.type, answer.score, answer.createdAt, answer.createdAt, answer.createdAt, answer.url, answer.locale, answer.visitorId, answer.sdk]
  const insert = (placeholders: string[]) =>
    `INSERT INTO answers (id, survey_id, type, score, complete, created_at, received_at, updated_at, url, locale, visitor_id, sdk) VALUES (${placeholders.join(', ')})`

  // The columns it lacks are added when it is opened: its answers stay, new ones keep their
  // reasons, and a display (no score) is stored and counted, alone and then answered.
  const keepsReasons = async (store: Store) => {
    const given = makeAnswer({ surveyId: 'old', reasons: ['price'] })
    await store.upsert([displayOf(given), displayOf(makeAnswer({ surveyId: 'old' }), true)])
    await store.upsert([given])
    const rows = await store.answers({ surveyId: 'old' })
    expect(rows.map((row) => [row.score, row.reasons])).toEqual([[9, ['price']], [10, undefined], [3, undefined], [10, undefined]])
    const [counts] = await store.scoreCounts({ surveyId: 'old' })
    expect([counts.displays, counts.count, counts.dismissed, counts.completed]).toEqual([5, 4, 1, 4])
  }

  it('gets them from its answers when opened (SQLite)', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'sayso-old-'))
    const file = join(folder, 'old.db')
    const db = new Database(file)
    db.exec(oldTable('TEXT', 'INTEGER', 'TEXT', 'TEXT'))
    // Counts of an earlier version, without displays, and wrong: they are counted again.
    db.exec(oldCounts)
    const row = db.prepare(insert(['?', '?', '?', '?', '1', '?', '?', '?', '?', '?', '?', '?']))
    for (const answer of oldAnswers) row.run(...values(answer))
    db.close()
    const store = createSqliteStore(file)
    expect((await store.scoreTrend({ surveyId: 'old' }, 'day')).map((row) => [row.period, row.count])).toEqual([['2026-01-05', 2], ['2026-01-06', 1]])
    const opened = new Database(file, { readonly: true })
    expect(opened.prepare(`SELECT path FROM answers ORDER BY created_at`).pluck().all()).toEqual(oldPaths)
    opened.close()
    await keepsReasons(store)
    await store.close()
    rmSync(folder, { recursive: true, force: true })
  })

  it.runIf(postgres)('gets them from its answers when opened (PostgreSQL)', async () => {
    const old = `${schema}_old`
    const client = new pg.Client(postgres)
    await client.connect()
    await client.query(`CREATE SCHEMA ${old}; SET search_path = ${old}; ${oldTable('TEXT', 'BOOLEAN', 'TIMESTAMPTZ', 'JSONB')}; ${oldCounts}`)
    for (const answer of oldAnswers) await client.query(insert(Array.from({ length: 12 }, (_, i) => (i === 4 ? 'true' : `$${i < 4 ? i + 1 : i}`))), values(answer))
    await client.end()
    const store = await createPostgresStore(postgres!, { schema: old })
    expect((await store.scoreTrend({ surveyId: 'old' }, 'day')).map((row) => [row.period, row.count])).toEqual([['2026-01-05', 2], ['2026-01-06', 1]])
    const reader = new pg.Client(postgres)
    await reader.connect()
    expect((await reader.query(`SELECT path FROM ${old}.answers ORDER BY created_at`)).rows.map((row) => row.path)).toEqual(oldPaths)
    await reader.end()
    await keepsReasons(store)
    await store.close()
  })
})

describe.runIf(postgres)('PostgreSQL behind a load balancer', () => {
  it('lets several collector processes start at once and share one database, counting each answer once', async () => {
    const shared = `${schema}_shared`
    const processes = await Promise.all(Array.from({ length: 4 }, () => createPostgresStore(postgres!, { schema: shared })))
    const a = makeAnswer({ complete: false, surveyId: 'balanced' })
    const others = Array.from({ length: 8 }, (_, i) => makeAnswer({ surveyId: 'balanced', score: i }))
    // Batches of the same answers in other orders, at once: no deadlock on the counts' rows.
    await Promise.all(processes.map((store, i) => store.upsert([i === 2 ? { ...a, complete: true, comment: 'via 3' } : a, ...(i % 2 ? [...others].reverse() : others)])))
    const rows = (await processes[0].answers()).filter((row) => row.id === a.id)
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ complete: true, comment: 'via 3' })
    const [counts] = await processes[1].scoreCounts({ surveyId: 'balanced' })
    expect(counts.count).toBe(9)
    await Promise.all(processes.map((store) => store.close()))
  })
})
