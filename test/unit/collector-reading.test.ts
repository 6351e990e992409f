// @vitest-environment node
import { mkdtempSync, rmSync } from 'node:fs'
import http from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSqliteStore } from '../../collector/store/sqlite-store'
import type { Store } from '../../collector/store/store'
import type { Answer } from '../../src/types'
import { makeAnswer } from './helpers'
import { startCollector, TOKEN, type RunningCollector } from './running-collector'

let collector: RunningCollector
const answer = (extra: Partial<Answer> = {}) => makeAnswer({ complete: false, url: 'https://shop.example/thanks', ...extra })
const readJson = async (path: string) => (await collector.read(path)).json()

beforeAll(async () => {
  collector = await startCollector()
})
afterAll(() => collector.close())

describe('who may read', () => {
  const reads = ['/api/summary', '/api/trend', '/api/answers', '/api/answers.csv']

  it('needs the dashboard token as a bearer token for every read; answering stays open', async () => {
    expect((await collector.post({ answers: [answer({ comment: 'only for the team' })] })).status).toBe(200)
    for (const path of reads) {
      const anonymous = await fetch(`${collector.at}${path}`)
      expect([path, anonymous.status, anonymous.headers.get('www-authenticate')]).toEqual([path, 401, 'Bearer'])
      expect(await anonymous.text()).not.toContain('only for the team')
      const wrong = await fetch(`${collector.at}${path}`, { headers: { Authorization: `Bearer ${TOKEN}x` } })
      expect([path, wrong.status]).toEqual([path, 401])
      expect([path, (await collector.read(path)).status]).toEqual([path, 200])
    }
  })

  it('never takes the token from the address, where logs and history keep it, and says why', async () => {
    for (const path of reads) {
      const response = await fetch(`${collector.at}${path}?token=${TOKEN}`)
      expect([path, response.status]).toEqual([path, 401])
      expect((await response.json()).error).toMatch(/never read from the address/)
    }
  })

  it('serves the dashboard page, which holds no results, to anyone', async () => {
    const page = await fetch(`${collector.at}/dashboard`)
    expect(page.status).toBe(200)
    expect(await page.text()).not.toContain('only for the team')
  })
})

describe('reading the results', () => {
  it('filters the summary by survey, dates and URL, and refuses a date it cannot read', async () => {
    await collector.post({
      answers: [
        answer({ surveyId: 'filtered', score: 10, createdAt: '2026-10-01T12:00:00.000Z', url: 'https://shop.example/a' }),
        answer({ surveyId: 'filtered', score: 0, createdAt: '2026-10-15T12:00:00.000Z', url: 'https://shop.example/b/1' })
      ]
    })
    const summary = async (query: string) => (await readJson(`/api/summary?survey=filtered&${query}`)).surveys[0]?.score
    expect(await summary('')).toBe(0)
    expect(await summary('to=2026-10-01')).toBe(100)
    expect(await summary('from=2026-10-02')).toBe(-100)
    expect(await summary('from=2026-10-01T13:00:00Z')).toBe(-100)
    expect(await summary('url=https://shop.example/b/*')).toBe(-100)
    expect(await summary('to=9999-12-31')).toBe(0)
    for (const [query, problem] of [
      ['from=yesterday', 'from: expected a date such as 2026-11-22, got "yesterday"'],
      ['to=%2B275760-09-13', 'to: expected a date such as 2026-11-22, got "+275760-09-13"'],
      ['survey=a%00b', 'survey: expected text without a NUL character']
    ]) {
      const bad = await collector.read(`/api/summary?${query}`)
      expect([query, bad.status, await bad.json()]).toEqual([query, 400, { error: 'invalid filter', problems: [problem] }])
    }
  })

  it('gives the trend per week or day', async () => {
    await collector.post({
      answers: [
        answer({ surveyId: 'trend', type: 'csat', score: 5, createdAt: '2026-09-07T10:00:00.000Z' }),
        answer({ surveyId: 'trend', type: 'csat', score: 1, createdAt: '2026-09-08T10:00:00.000Z' }),
        answer({ surveyId: 'trend', type: 'csat', score: 4, createdAt: '2026-09-15T10:00:00.000Z' })
      ]
    })
    expect(await readJson('/api/trend?survey=trend')).toEqual({
      period: 'week',
      surveys: [
        {
          surveyId: 'trend',
          type: 'csat',
          points: [
            { period: '2026-09-07', count: 2, score: 50 },
            { period: '2026-09-14', count: 1, score: 100 }
          ]
        }
      ]
    })
    const daily = await readJson('/api/trend?survey=trend&period=day')
    expect(daily.surveys[0].points.map((point: { period: string }) => point.period)).toEqual(['2026-09-07', '2026-09-08', '2026-09-15'])
  })

  it('pages the answers with a cursor, and refuses a cursor it did not make', async () => {
    await collector.post({ answers: Array.from({ length: 12 }, () => answer({ surveyId: 'paging' })) })
    const first = await readJson('/api/answers?survey=paging&limit=5')
    const second = await readJson(`/api/answers?survey=paging&limit=5&cursor=${first.next}`)
    const third = await readJson(`/api/answers?survey=paging&limit=5&cursor=${second.next}`)
    expect([first.answers.length, second.answers.length, third.answers.length, third.next]).toEqual([5, 5, 2, null])
    expect(new Set([...first.answers, ...second.answers, ...third.answers].map((a: Answer) => a.id)).size).toBe(12)
    const forged = Buffer.from(JSON.stringify(['not a date', 'x'])).toString('base64url')
    expect((await collector.read(`/api/answers?cursor=${forged}`)).status).toBe(400)
    expect((await collector.read('/api/answers?limit=2.5')).status).toBe(200)
  })
})

describe('reading while answers arrive', () => {
  it('never holds up an answer, however long a read takes (SQLite reads in a thread of their own)', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'sayso-long-read-'))
    const file = join(folder, 'long.db')
    createSqliteStore(file).close()
    // 80,000 answers, inserted by SQLite itself: a URL filter then counts every one of them.
    const db = new Database(file)
    db.prepare(`WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 79999)
      INSERT INTO answers (id, survey_id, type, score, complete, created_at, received_at, updated_at, url, locale, visitor_id, sdk)
      SELECT 'seed-' || i, 'long', 'nps', i % 11, 1, '2026-10-01T10:00:00.000Z', 'x', 'x', 'https://shop.example/p/' || (i % 50), 'en', 'v', 's' FROM n`).run()
    db.close()
    const store = createSqliteStore(file)
    const reading = await startCollector({ store })
    const finished: string[] = []
    const slowRead = reading.read('/api/summary?url=https://shop.example/p/*').then(() => finished.push('read'))
    // The answer follows the read at once: the read is under way while the answer is handled.
    await new Promise((resume) => setImmediate(resume))
    const posted = reading.post({ answers: [answer()] }).then((response) => finished.push(`answer ${response.status}`))
    await Promise.all([slowRead, posted])
    expect(finished).toEqual(['answer 200', 'read'])
    await reading.close()
    await store.close()
    rmSync(folder, { recursive: true, force: true })
  }, 30_000)
})

describe('the CSV', () => {
  it('streams the answers, quoting what needs it and defusing formulas', async () => {
    const tricky = answer({ surveyId: 'csv', comment: '=HYPERLINK("x"), and\na "quote"', complete: true, attributes: { plan: 'pro' } })
    const signed = answer({ surveyId: 'csv', comment: '-1 and +1, @me', reasons: ['=cmd', 'slow, "very"'] })
    await collector.post({ answers: [tricky, signed, ...Array.from({ length: 18 }, () => answer({ surveyId: 'csv' }))] })
    const response = await collector.read('/api/answers.csv?survey=csv')
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    const text = await response.text()
    expect(text.split('\r\n')[0]).toBe('id,survey_id,type,score,comment,reasons,complete,created_at,received_at,url,locale,visitor_id,user_id,attributes')
    expect(text).toContain(`${tricky.id},csv,nps,9,"'=HYPERLINK(""x""), and\na ""quote""",,true,`)
    // The reasons in one cell, joined by '; ', a formula defused there too.
    expect(text).toContain(`${signed.id},csv,nps,9,"'-1 and +1, @me","'=cmd; slow, ""very""",false,`)
    expect(text).toContain('"{""plan"":""pro""}"')
    expect(text.trim().split('\r\n')).toHaveLength(21)
  })

  it('keeps pace with a slow client without piling up listeners: 20,000 rows, every one, no warning', async () => {
    const big = createSqliteStore(':memory:')
    const answers = Array.from({ length: 20_000 }, (_, i) => answer({ surveyId: 'big', comment: `comment ${i} `.padEnd(120, '·') }))
    for (let i = 0; i < answers.length; i += 1000) await big.upsert(answers.slice(i, i + 1000))
    const exporting = await startCollector({ store: big })
    const warnings: Error[] = []
    const warned = (warning: Error) => warnings.push(warning)
    process.on('warning', warned)
    // A client that reads a chunk, then pauses, so that the collector's writes keep filling up.
    const lines = await new Promise<number>((done, fail) => {
      const request = http.get(`${exporting.at}/api/answers.csv`, { headers: { Authorization: `Bearer ${TOKEN}` } }, (response) => {
        let text = ''
        response.on('data', (chunk) => {
          text += chunk
          response.pause()
          setTimeout(() => response.resume(), 2)
        })
        response.on('end', () => done(text.trim().split('\r\n').length))
        response.on('error', fail)
      })
      request.on('error', fail)
    })
    process.off('warning', warned)
    expect(lines).toBe(20_001)
    expect(warnings.map((warning) => warning.name)).toEqual([])
    await exporting.close()
    await big.close()
  }, 30_000)

  it('breaks off the download when the database fails halfway, instead of ending it as if complete', async () => {
    const real = createSqliteStore(':memory:')
    // Three pages of 500, the third of which fails.
    for (let i = 0; i < 1200; i += 20) await real.upsert(Array.from({ length: 20 }, () => answer({ surveyId: 'halfway' })))
    let pages = 0
    const failing: Store = {
      ...real,
      answers: async (options) => {
        if (++pages === 3) throw new Error('disk I/O error')
        return real.answers(options)
      }
    }
    const exporting = await startCollector({ store: failing })
    const response = await fetch(`${exporting.at}/api/answers.csv`, { headers: { Authorization: `Bearer ${TOKEN}` } })
    expect(response.status).toBe(200)
    await expect(response.text()).rejects.toThrow()
    await exporting.close()
    await real.close()
  })
})
