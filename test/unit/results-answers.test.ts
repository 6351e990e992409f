// @vitest-environment node
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createPostgresStore } from '../../collector/store/postgres-store'
import { createSqliteStore } from '../../collector/store/sqlite-store'
import type { Store, StoredAnswer } from '../../collector/store/store'
import type { Answer, SurveyRecord } from '../../src/types'
import { makeAnswer } from './helpers'
import { startCollector, type RunningCollector } from './running-collector'

// GET /api/answers, /api/answers.csv and /api/attributes as the dashboard asks them: the
// comments searched and kept to one segment, and the keys the "Split by" select offers, through
// the real collector on each database. SQLite in memory reads on its one connection, a file in
// a thread of its own: both must know the search's lower case.

const postgres = process.env.SAYSO_TEST_POSTGRES
const schema = `sayso_answers_${process.pid}_${Date.now()}`
const files = mkdtempSync(join(tmpdir(), 'sayso-answers-'))
const stores: [string, () => Promise<Store>][] = [
  ['SQLite in memory', async () => createSqliteStore(':memory:')],
  ['SQLite file', async () => createSqliteStore(join(files, 'answers.db'))]
]
if (postgres) stores.push(['PostgreSQL', () => createPostgresStore(postgres, { schema })])

afterAll(async () => {
  rmSync(files, { recursive: true, force: true })
  if (!postgres) return
  const client = new pg.Client(postgres)
  await client.connect()
  await client.query(`DROP SCHEMA IF EXISTS ${pg.escapeIdentifier(schema)} CASCADE`)
  await client.end()
})

/** Answers of one survey, one a minute from a fixed time, so that newest first is known. */
const answersOf = (surveyId: string, extras: Partial<Answer>[]) =>
  extras.map((extra, i) => makeAnswer({ surveyId, createdAt: new Date(Date.UTC(2026, 10, 2, 12, i)).toISOString(), ...extra }))

const shop = 'https://shop.example'
const [uberCool, uberFast, sure, percent, snake, silent] = answersOf('comments', [
  { device: 'mobile', url: `${shop}/checkout?step=2`, comment: 'Über cool', attributes: { plan: 'pro' } },
  { device: 'desktop', url: `${shop}/pricing`, comment: 'über schnell', attributes: { plan: 'free' } },
  { device: 'desktop', url: `${shop}/checkout`, comment: '100% sure', attributes: { plan: '' } },
  { device: 'mobile', url: `${shop}/checkout#top`, comment: '100 percent' },
  { device: 'desktop', url: `${shop}/pricing`, comment: 'snake_case and a back\\slash', attributes: { plan: null } },
  { device: 'mobile', url: `${shop}/pricing` }
])
const comments = [uberCool, uberFast, sure, percent, snake, silent]

// Newest first, as the collector gives them.
const newestFirst = (answers: Answer[]) => answers.map((answer) => answer.id).reverse()

describe.each(stores)('the answers on %s', (_, open) => {
  let collector: RunningCollector
  let store: Store
  beforeAll(async () => {
    store = await open()
    collector = await startCollector({ store })
    await post(comments)
  })
  afterAll(async () => {
    await collector.close()
    await store.close()
  })
  const post = async (records: SurveyRecord[]) => {
    for (let i = 0; i < records.length; i += 20) expect((await collector.post({ answers: records.slice(i, i + 20) })).status).toBe(200)
  }
  const read = async (query: string) => {
    const response = await collector.read(`/api/answers?${query}`)
    return { status: response.status, body: await response.json() }
  }
  const ids = async (query: string) => {
    const { status, body } = await read(`survey=comments&${query}`)
    expect(status).toBe(200)
    return (body.answers as StoredAnswer[]).map((answer) => answer.id)
  }

  it('finds text in the comments whatever its case, Unicode too', async () => {
    for (const q of ['über', 'ÜBER', 'Über']) expect(await ids(`q=${encodeURIComponent(q)}`)).toEqual(newestFirst([uberCool, uberFast]))
    expect(await ids('q=COOL')).toEqual([uberCool.id])
    expect(await ids('q=nowhere')).toEqual([])
  })

  it('reads %, _ and \\ in the search as themselves', async () => {
    expect(await ids(`q=${encodeURIComponent('100%')}`)).toEqual([sure.id])
    expect(await ids('q=_')).toEqual([snake.id])
    expect(await ids(`q=${encodeURIComponent('\\')}`)).toEqual([snake.id])
  })

  it('keeps one segment: a device, a path, an attribute, and the answers without a value', async () => {
    expect(await ids('by=device&segment=mobile')).toEqual(newestFirst([uberCool, percent, silent]))
    expect(await ids(`by=path&segment=${encodeURIComponent('/checkout')}`)).toEqual(newestFirst([uberCool, sure, percent]))
    expect(await ids('by=attributes.plan&segment=pro')).toEqual([uberCool.id])
    // "(not given)": an empty value, a null one, or none at all.
    expect(await ids('by=attributes.plan&segment=')).toEqual(newestFirst([sure, percent, snake, silent]))
    expect(await ids('by=device&segment=mobile&q=%C3%BCber')).toEqual([uberCool.id])
  })

  it('pages through a segment and a search together, each answer once', async () => {
    const paged = answersOf('paged', [
      ...Array.from({ length: 9 }, (): Partial<Answer> => ({ device: 'mobile', comment: 'Fine, thanks' })),
      ...Array.from({ length: 5 }, (): Partial<Answer> => ({ device: 'desktop', comment: 'fine' })),
      ...Array.from({ length: 3 }, (): Partial<Answer> => ({ device: 'mobile', comment: 'slow' }))
    ])
    await post(paged)
    const seen: string[][] = []
    let query = 'survey=paged&by=device&segment=mobile&q=FINE&limit=4'
    for (let page = 0; page < 5; page++) {
      const { status, body } = await read(query)
      expect(status).toBe(200)
      seen.push(body.answers.map((answer: StoredAnswer) => answer.id))
      if (!body.next) break
      query = `survey=paged&by=device&segment=mobile&q=FINE&limit=4&cursor=${body.next}`
    }
    expect(seen.map((page) => page.length)).toEqual([4, 4, 1])
    expect(seen.flat()).toEqual(newestFirst(paged.slice(0, 9)))
  })

  it('answers 400 to a search or a segment it cannot use, saying why', async () => {
    const cases: [string, string][] = [
      [`q=${'x'.repeat(201)}`, 'q: expected at most 200 characters, got 201'],
      ['q=a%00b', 'q: expected text without a NUL character'],
      ['segment=mobile', 'segment: needs by, what the value is of (locale, device, path or attributes.<key>)'],
      ['by=device', 'by: needs segment, the value to keep (segment= for the answers without one)'],
      ['by=attributes.a%20b&segment=x', 'by: expected locale, device, path or attributes.<key> (a key of letters, digits, _ . -), got "attributes.a b"'],
      ['by=device&segment=a%00b', 'segment: expected text without a NUL character']
    ]
    for (const [query, problem] of cases) {
      for (const path of ['/api/answers', '/api/answers.csv']) {
        const response = await collector.read(`${path}?${query}`)
        expect(response.status, `${path}?${query}`).toBe(400)
        expect(await response.json()).toEqual({ error: 'invalid filter', problems: [problem] })
      }
    }
    // Characters as a person counts them: 200 emoji are 400 UTF-16 units.
    expect((await read(`q=${encodeURIComponent('😀'.repeat(200))}`)).status).toBe(200)
  })

  it('exports the same selection as CSV', async () => {
    const response = await collector.read(`/api/answers.csv?survey=comments&by=path&segment=${encodeURIComponent('/checkout')}&q=100`)
    expect(response.status).toBe(200)
    const lines = (await response.text()).trim().split('\r\n')
    expect(lines).toHaveLength(3)
    expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual(newestFirst([sure, percent]))
  })

  it('lists the attribute keys a split can use: sorted, at most 50, in the filter', async () => {
    await post(
      answersOf('keys', [
        { attributes: { zeta: 1, Alpha: true, beta: 'x' } },
        { attributes: { beta: 'y', 'with space': 1, 'ünï': 2, [`k${'x'.repeat(100)}`]: 3, 'dotted.key-1': 4 } },
        { attributes: {} }
      ])
    )
    await post(answersOf('other-keys', [{ attributes: { elsewhere: 1 } }]))
    const keys = async (query: string) => {
      const response = await collector.read(`/api/attributes?${query}`)
      expect(response.status).toBe(200)
      return (await response.json()).keys
    }
    expect(await keys('survey=keys')).toEqual(['Alpha', 'beta', 'dotted.key-1', 'zeta'])
    expect(await keys('survey=comments')).toEqual(['plan'])

    const many = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`key${String(59 - i).padStart(2, '0')}`, i]))
    await post(answersOf('many-keys', [{ attributes: many }]))
    expect(await keys('survey=many-keys')).toEqual(Array.from({ length: 50 }, (_, i) => `key${String(i).padStart(2, '0')}`))

    expect((await fetch(`${collector.at}/api/attributes`)).status).toBe(401)
    expect((await collector.read('/api/attributes?from=yesterday')).status).toBe(400)
  })
})
