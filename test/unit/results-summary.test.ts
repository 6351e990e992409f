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

  it('counts the reasons of a choice follow-up per survey and per segment, most given first', async () => {
    const surveyId = 'why'
    const on = (device: 'mobile' | 'desktop', score: number, reasons?: string[]) => makeAnswer({ surveyId, score, device, ...(reasons && { reasons }) })
    await post([
      on('mobile', 3, ['price', 'delivery']),
      on('mobile', 4, ['price']),
      on('desktop', 2, ['delivery', 'quality']),
      on('desktop', 9),
      // Shown, never answered: a display gives no reason.
      displayOf(makeAnswer({ surveyId, device: 'desktop' }))
    ])
    const { body } = await summary(`survey=${surveyId}`)
    expect(body.surveys[0].reasons).toEqual([
      { value: 'delivery', count: 2 },
      { value: 'price', count: 2 },
      { value: 'quality', count: 1 }
    ])
    const split = await summary(`survey=${surveyId}&by=device`)
    expect(split.body.surveys[0].reasons).toEqual(body.surveys[0].reasons)
    expect(split.body.surveys[0].segments.map(({ value, reasons }: { value: string; reasons: unknown }) => ({ value, reasons }))).toEqual([
      { value: 'desktop', reasons: [{ value: 'delivery', count: 1 }, { value: 'quality', count: 1 }] },
      { value: 'mobile', reasons: [{ value: 'price', count: 2 }, { value: 'delivery', count: 1 }] }
    ])
  })

  it('keeps the reasons of a segment whose value is the text "null" apart from those of answers without it', async () => {
    const surveyId = 'why-plan'
    await post([
      makeAnswer({ surveyId, score: 3, reasons: ['price'], attributes: { plan: 'null' } }),
      makeAnswer({ surveyId, score: 4, reasons: ['support'] })
    ])
    const { body } = await summary(`survey=${surveyId}&by=attributes.plan`)
    expect(body.surveys[0].segments.map(({ value, reasons }: { value: string | null; reasons: unknown }) => ({ value, reasons }))).toEqual([
      { value: 'null', reasons: [{ value: 'price', count: 1 }] },
      { value: null, reasons: [{ value: 'support', count: 1 }] }
    ])
  })

  it('gives no score and no division by zero for a survey only shown', async () => {
    await post([displayOf(makeAnswer({ surveyId: 'only-shown' }))])
    const { body } = await summary('survey=only-shown')
    expect(body.surveys).toEqual([expect.objectContaining({ displays: 1, count: 0, responseRate: 0, score: null })])
  })

  it('splits an NPS by device, with the adjusted Wald interval of the promoter-minus-detractor indicator', async () => {
    const surveyId = 'nps-by-device'
    const on = (device: 'mobile' | 'desktop', scores: number[]) => scores.map((score) => makeAnswer({ surveyId, score, device }))
    // Mobile: 5 promoters, 3 passives, 2 detractors (NPS 30), and 5 more shown unanswered; desktop: 4 promoters.
    await post([...on('mobile', [9, 10, 9, 10, 9, 7, 8, 7, 3, 6]), ...on('desktop', [10, 10, 9, 9])])
    await post(Array.from({ length: 5 }, () => displayOf(makeAnswer({ surveyId, device: 'mobile' }))))
    const { status, body } = await summary(`survey=${surveyId}&by=device`)
    expect(status).toBe(200)
    expect(body.by).toBe('device')
    // By hand, the adjusted Wald interval (docs/results.md): ¾ promoter and ¾ detractor more, n + 3.
    // Mobile: p̃ = 5.75 ÷ 13, d̃ = 2.75 ÷ 13, centre (p̃ − d̃) × 100 = 23.08, the indicator's variance
    // p̃ + d̃ − (p̃ − d̃)² = 0.6006, half-width 1.96 · √(0.6006 ÷ 13) × 100 = 42.13: −19.1 to 65.2.
    // Desktop, 4 promoters: p̃ = 4.75 ÷ 7, d̃ = 0.75 ÷ 7, centre 57.14 ± 50.2, cut at 100: 6.9 to 100.
    // Unadjusted, the desktop's interval would be 100 to 100: four answers, and no doubt at all.
    expect(body.surveys[0].segments).toEqual([
      { value: 'desktop', displays: 4, count: 4, responseRate: 1, completed: 4, dismissed: 0, score: 100, margin: 46.5, interval: [6.9, 100], reasons: [] },
      { value: 'mobile', displays: 15, count: 10, responseRate: 0.6667, completed: 10, dismissed: 0, score: 30, margin: 42.1, interval: [-19.1, 65.2], reasons: [] }
    ])
    // The survey as a whole: 14 answers, 5 + 4 promoters, 2 detractors: NPS 100 × 7 / 14.
    expect(body.surveys[0]).toMatchObject({ displays: 19, count: 14, score: 50 })
  })

  it("splits a CSAT share by locale, with Wilson's interval (the margin is half its width)", async () => {
    const surveyId = 'csat-by-locale'
    const pl = [5, 5, 4, 4, 5, 4, 5, 4, 2, 1].map((score) => makeAnswer({ surveyId, type: 'csat', score, locale: 'pl' }))
    await post([...pl, makeAnswer({ surveyId, type: 'csat', score: 5, locale: 'de' })])
    const { body } = await summary(`survey=${surveyId}&by=locale`)
    // By hand, 8 satisfied of 10: z = 1.959964, centre (0.8 + z²/20) ÷ (1 + z²/10), half-width z·√(0.8·0.2/10 + z²/400) ÷ (1 + z²/10).
    const z = 1.959964
    const centre = (0.8 + (z * z) / 20) / (1 + (z * z) / 10)
    const half = (z * Math.sqrt((0.8 * 0.2) / 10 + (z * z) / 400)) / (1 + (z * z) / 10)
    const one = (value: number) => Math.round(value * 1000) / 10
    expect([one(centre - half), one(half), one(centre + half)]).toEqual([49, 22.7, 94.3])
    const [de, polish] = body.surveys[0].segments
    expect(polish).toMatchObject({ value: 'pl', count: 10, score: 80, margin: one(half), interval: [one(centre - half), one(centre + half)] })
    // One answer: Wilson still gives an interval (unlike the normal approximation's zero width).
    expect(de).toMatchObject({ value: 'de', count: 1, score: 100, margin: 39.7 })
  })

  it('splits a CES mean by path (query cut off) and by attribute, with the t interval', async () => {
    const surveyId = 'ces-by-path'
    const at = (url: string, score: number, attributes?: Answer['attributes']) => makeAnswer({ surveyId, type: 'ces', score, url, ...(attributes && { attributes }) })
    await post([
      at('https://shop.example/a', 7, { plan: 'pro', trial: true }),
      at('https://shop.example/a?utm=x', 5, { plan: 'pro', trial: false }),
      at('https://shop.example/a#top', 3, { plan: 'pro', trial: true }),
      at('https://shop.example/a', 5, { plan: 'free', seats: 3 }),
      at('https://shop.example/a', 5),
      at('https://shop.example', 6, { plan: null })
    ])
    const { body: byPath } = await summary(`survey=${surveyId}&by=path`)
    // By hand, /a: 7 5 3 5 5, mean 5, sample variance (4 + 0 + 4 + 0 + 0) / 4 = 2; t(0.975, 4) = 2.776445.
    const margin = Math.round(2.776445 * Math.sqrt(2 / 5) * 100) / 100
    expect(margin).toBe(1.76)
    expect(byPath.surveys[0].segments.map(({ value, count, score, margin }: { value: string; count: number; score: number; margin: number }) => ({ value, count, score, margin }))).toEqual([
      { value: '/', count: 1, score: 6, margin: null },
      { value: '/a', count: 5, score: 5, margin }
    ])
    const values = async (key: string) => (await summary(`survey=${surveyId}&by=attributes.${key}`)).body.surveys[0].segments.map((segment: { value: string; count: number }) => [segment.value, segment.count])
    expect(await values('plan')).toEqual([['free', 1], ['pro', 3], [null, 2]])
    expect(await values('trial')).toEqual([['false', 1], ['true', 2], [null, 3]])
    expect(await values('seats')).toEqual([['3', 1], [null, 5]])
  })

  it('compares with the period before, of the same length', async () => {
    const surveyId = 'compared'
    const on = (day: string, score: number) => makeAnswer({ surveyId, score, device: 'mobile', createdAt: `${day}T12:00:00.000Z` })
    // 1–10 October, and the ten days before (21–30 September); 20 September is outside both.
    await post([on('2026-10-01', 10), on('2026-10-10', 10), on('2026-09-21', 0), on('2026-09-30', 10), on('2026-09-20', 0)])
    await post([displayOf(on('2026-09-25', 5))])
    const { body } = await summary(`survey=${surveyId}&from=2026-10-01&to=2026-10-10&compare=previous&by=device`)
    expect(body.previous).toEqual({ from: '2026-09-21T00:00:00.000Z', to: '2026-10-01T00:00:00.000Z' })
    const [survey] = body.surveys
    expect(survey).toMatchObject({ displays: 2, count: 2, score: 100 })
    expect(survey.previous).toMatchObject({ displays: 3, count: 2, responseRate: 0.6667, score: 0, segments: [expect.objectContaining({ value: 'mobile', displays: 3, count: 2, score: 0 })] })
    // Six days (5–10 October, `to` inclusive): the six before are 29 September – 4 October.
    const { body: six } = await summary(`survey=${surveyId}&from=2026-10-05&to=2026-10-10&compare=previous`)
    expect(six.previous).toEqual({ from: '2026-09-29T00:00:00.000Z', to: '2026-10-05T00:00:00.000Z' })
    expect(six.surveys[0].previous).toMatchObject({ displays: 2, count: 2, score: 100 })
    // Nothing shown in the period before: zeros, and no score.
    const { body: empty } = await summary(`survey=${surveyId}&from=2026-10-10&to=2026-10-10&compare=previous`)
    expect(empty.surveys[0].previous).toMatchObject({ displays: 0, count: 0, responseRate: null, score: null, margin: null })
  })

  it.each([
    ['by=browser', 'by: expected locale, device, path or attributes.<key> (a key of letters, digits, _ . -), got "browser"'],
    ['by=attributes.', 'by: expected locale, device, path or attributes.<key> (a key of letters, digits, _ . -), got "attributes."'],
    ['by=attributes.a%22b', 'by: expected locale, device, path or attributes.<key> (a key of letters, digits, _ . -), got "attributes.a\\"b"'],
    ['compare=previous', 'compare=previous: needs from and to, so that the period before is as long'],
    ['compare=previous&from=2026-10-01', 'compare=previous: needs from and to, so that the period before is as long'],
    ['compare=previous&from=2026-10-05&to=2026-10-01', 'compare=previous: from must be before to'],
    ['compare=last', 'compare: expected previous, got "last"']
  ])('refuses %s, saying why', async (query, problem) => {
    const { status, body } = await summary(query)
    expect(status).toBe(400)
    expect(body).toEqual({ error: 'invalid summary', problems: [problem] })
  })
})

