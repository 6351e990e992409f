// @vitest-environment node
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import http from 'node:http'
import net, { type AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCollector } from '../../collector/create-collector'
import { createSqliteStore } from '../../collector/sqlite-store'
import type { Store } from '../../collector/store'
import type { Answer } from '../../src/types'
import { makeAnswer } from './helpers'

let store: Store
let server: ReturnType<typeof createCollector>
let base: string
const answer = (extra: Partial<Answer> = {}) => makeAnswer({ complete: false, url: 'https://shop.example/thanks', ...extra })

const post = (body: unknown, type = 'application/json', headers: Record<string, string> = {}) =>
  fetch(`${base}/api/answers`, {
    method: 'POST',
    headers: { 'Content-Type': type, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body)
  })

beforeAll(async () => {
  store = createSqliteStore(':memory:')
  server = createCollector({ store, root: resolve(import.meta.dirname, '../..'), allowedOrigins: ['https://shop.example'] })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(async () => {
  await new Promise((done) => server.close(done))
  await store.close()
})

const rows = async () => ((await (await fetch(`${base}/api/answers`)).json()) as { answers: Answer[] }).answers

describe('POST /api/answers', () => {
  it('stores an answer as JSON and as text/plain (a beacon)', async () => {
    const a = answer()
    const b = answer({ type: 'csat', surveyId: 'csat', score: 4 })
    expect((await post({ answers: [a] })).status).toBe(200)
    const response = await post({ answers: [b] }, 'text/plain;charset=UTF-8')
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ stored: [b.id] })
    const stored = await rows()
    expect(stored.find((row) => row.id === a.id)).toMatchObject(a)
    expect(stored.find((row) => row.id === b.id)).toMatchObject(b)
  })

  it('keeps one row per id: a copy with the comment completes it, an older copy changes nothing', async () => {
    const partial = answer({ complete: false })
    const complete = { ...partial, complete: true, comment: 'Fast delivery' }
    await post({ answers: [partial] })
    await post({ answers: [partial] })
    await post({ answers: [complete] })
    await post({ answers: [partial] })
    const mine = (await rows()).filter((row) => row.id === partial.id)
    expect(mine).toHaveLength(1)
    expect(mine[0]).toMatchObject({ complete: true, comment: 'Fast delivery', score: 9 })
  })

  it('makes one row of concurrent duplicates', async () => {
    const a = answer()
    const replies = await Promise.all(Array.from({ length: 20 }, () => post({ answers: [a] })))
    expect(replies.map((reply) => reply.status)).toEqual(Array(20).fill(200))
    expect((await rows()).filter((row) => row.id === a.id)).toHaveLength(1)
  })

  it('answers 400 with the field errors and stores nothing of an invalid answer', async () => {
    const good = answer()
    const bad = { ...answer(), score: 11, createdAt: 'yesterday' }
    const response = await post({ answers: [good, bad] })
    expect(response.status).toBe(400)
    expect(await response.json()).toEqual({
      error: 'invalid answers',
      stored: [good.id],
      rejected: [
        {
          index: 1,
          id: bad.id,
          errors: [
            { path: 'answers[1].createdAt', message: 'answers[1].createdAt: expected an ISO 8601 date and time, got "yesterday"' },
            {
              path: 'answers[1].score',
              message: 'answers[1].score: expected a score within the scale of its type (NPS 0–10, CSAT 1–5, CES 1–7), got 11'
            }
          ]
        }
      ]
    })
    const stored = await rows()
    expect(stored.some((row) => row.id === good.id)).toBe(true)
    expect(stored.some((row) => row.id === bad.id)).toBe(false)
  })

  it.each([
    [{}, 'answers: expected a list of 1–20 answers, got nothing'],
    [{ answers: [] }, 'answers: expected a list of 1–20 answers, got a list'],
    [{ answers: Array.from({ length: 21 }, () => answer()) }, 'answers: expected a list of 1–20 answers, got a list'],
    [[1, 2], '(root): expected an object such as { "answers": [ … ] }, got a list']
  ])('refuses the batch %#', async (body, message) => {
    const response = await post(body)
    expect(response.status).toBe(400)
    expect((await response.json()).errors.map((e: { message: string }) => e.message)).toEqual([message])
  })

  it('answers 400 to malformed JSON', async () => {
    const response = await post('{"answers": [')
    expect(response.status).toBe(400)
    expect((await response.json()).error).toMatch(/^invalid JSON/)
  })

  it('answers 415 to another content type', async () => {
    expect((await post({ answers: [answer()] }, 'application/x-www-form-urlencoded')).status).toBe(415)
  })

  it('answers 413 over 64 KiB', async () => {
    const response = await post({ answers: [answer({ comment: 'x'.repeat(70_000) })] })
    expect(response.status).toBe(413)
  })

  it('allows a configured origin, with a preflight, and refuses others', async () => {
    const preflight = await fetch(`${base}/api/answers`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://shop.example', 'Access-Control-Request-Method': 'POST' }
    })
    expect(preflight.status).toBe(204)
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://shop.example')
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/Idempotency-Key/)
    const allowed = await post({ answers: [answer()] }, 'application/json', { Origin: 'https://shop.example' })
    expect(allowed.status).toBe(200)
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://shop.example')
    const refused = await post({ answers: [answer()] }, 'text/plain', { Origin: 'https://evil.example' })
    expect(refused.status).toBe(403)
  })
})

describe('GET /api/summary', () => {
  it('gives each survey its score and breakdown', async () => {
    const scores = [10, 9, 8, 3]
    await post({ answers: scores.map((score) => answer({ surveyId: 'nps-summary', score })) })
    const { surveys } = await (await fetch(`${base}/api/summary`)).json()
    expect(surveys.find((s: { surveyId: string }) => s.surveyId === 'nps-summary')).toEqual({
      surveyId: 'nps-summary',
      type: 'nps',
      count: 4,
      score: 25,
      promoters: 2,
      passives: 1,
      detractors: 1,
      distribution: [0, 0, 0, 1, 0, 0, 0, 0, 1, 1, 1]
    })
  })
})

describe('pages and files', () => {
  it('serves the demo pages, the bundle, and nothing outside them', async () => {
    expect((await fetch(`${base}/`)).headers.get('content-type')).toMatch(/text\/html/)
    expect((await fetch(`${base}/strict-csp`)).headers.get('content-security-policy')).toMatch(/style-src 'self'/)
    expect((await fetch(`${base}/demo/%2e%2e/package.json`)).status).toBe(404)
    expect((await fetch(`${base}/dist/../package.json`)).status).toBe(404)
    expect((await fetch(`${base}/nowhere`)).status).toBe(404)
  })
})

describe('hardening', () => {
  const start = async (options: Partial<Parameters<typeof createCollector>[0]> = {}) => {
    const own = createSqliteStore(':memory:')
    const server = createCollector({ store: own, root: resolve(import.meta.dirname, '../..'), ...options })
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
    const at = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    return {
      at,
      store: own,
      post: (body: unknown) => fetch(`${at}/api/answers`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
      close: async () => {
        server.closeAllConnections()
        await new Promise((done) => server.close(done))
        await own.close()
      }
    }
  }

  it('limits each client address with a token bucket, answering 429 with Retry-After', async () => {
    const collector = await start({ rateLimit: 3 })
    const statuses = []
    for (let i = 0; i < 4; i++) statuses.push((await collector.post({ answers: [answer()] })).status)
    expect(statuses).toEqual([200, 200, 200, 429])
    const limited = await collector.post({ answers: [answer()] })
    expect(limited.status).toBe(429)
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
    expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(20)
    expect((await collector.store.answers()).length).toBe(3)
    await collector.close()
  })

  it('protects the dashboard and the read APIs with DASHBOARD_TOKEN, not ingestion', async () => {
    const collector = await start({ dashboardToken: 's3cret' })
    expect((await collector.post({ answers: [answer()] })).status).toBe(200)
    for (const path of ['/api/summary', '/api/answers', '/api/answers.csv', '/api/trend', '/dashboard']) {
      expect([path, (await fetch(`${collector.at}${path}`)).status]).toEqual([path, 401])
      expect([path, (await fetch(`${collector.at}${path}?token=wrong`)).status]).toEqual([path, 401])
    }
    expect((await fetch(`${collector.at}/api/summary`, { headers: { Authorization: 'Bearer s3cret' } })).status).toBe(200)
    expect((await fetch(`${collector.at}/api/summary?token=s3cret`)).status).toBe(200)
    await collector.close()
  })

  it('refuses huge headers with 431 and goes on serving', async () => {
    const collector = await start()
    const response = await fetch(`${collector.at}/api/summary`, { headers: { 'X-Big': 'x'.repeat(20_000) } })
    expect(response.status).toBe(431)
    expect((await fetch(`${collector.at}/api/summary`)).status).toBe(200)
    await collector.close()
  })

  it('cuts off a client that sends its headers too slowly', async () => {
    const collector = await start({ timeouts: { headers: 300, request: 600 } })
    const { port } = new URL(collector.at)
    const reply = await new Promise<string>((done) => {
      const socket = net.connect(Number(port), '127.0.0.1', () => socket.write('POST /api/answers HTTP/1.1\r\nHost: x\r\n'))
      let text = ''
      socket.on('data', (chunk) => (text += chunk))
      socket.on('close', () => done(text))
    })
    expect(reply).toMatch(/^HTTP\/1\.1 408/)
    expect((await fetch(`${collector.at}/api/summary`)).status).toBe(200)
    await collector.close()
  }, 10_000)
})

describe('reading the results', () => {
  it('filters the summary by survey, dates and URL, and refuses a date it cannot read', async () => {
    await post({
      answers: [
        answer({ surveyId: 'filtered', score: 10, createdAt: '2026-10-01T12:00:00.000Z', url: 'https://shop.example/a' }),
        answer({ surveyId: 'filtered', score: 0, createdAt: '2026-10-15T12:00:00.000Z', url: 'https://shop.example/b/1' })
      ]
    })
    const summary = async (query: string) => (await (await fetch(`${base}/api/summary?survey=filtered&${query}`)).json()).surveys[0]?.score
    expect(await summary('')).toBe(0)
    expect(await summary('to=2026-10-01')).toBe(100)
    expect(await summary('from=2026-10-02')).toBe(-100)
    expect(await summary('url=https://shop.example/b/*')).toBe(-100)
    const bad = await fetch(`${base}/api/summary?from=yesterday`)
    expect(bad.status).toBe(400)
    expect(await bad.json()).toEqual({ error: 'invalid filter', problems: ['from: expected a date such as 2026-11-22, got "yesterday"'] })
  })

  it('gives the trend per week or day', async () => {
    await post({
      answers: [
        answer({ surveyId: 'trend', type: 'csat', score: 5, createdAt: '2026-09-07T10:00:00.000Z' }),
        answer({ surveyId: 'trend', type: 'csat', score: 1, createdAt: '2026-09-08T10:00:00.000Z' }),
        answer({ surveyId: 'trend', type: 'csat', score: 4, createdAt: '2026-09-15T10:00:00.000Z' })
      ]
    })
    const weekly = await (await fetch(`${base}/api/trend?survey=trend`)).json()
    expect(weekly).toEqual({
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
    const daily = await (await fetch(`${base}/api/trend?survey=trend&period=day`)).json()
    expect(daily.surveys[0].points.map((point: { period: string }) => point.period)).toEqual(['2026-09-07', '2026-09-08', '2026-09-15'])
  })

  it('pages the answers with a cursor', async () => {
    await post({ answers: Array.from({ length: 12 }, () => answer({ surveyId: 'paging' })) })
    const first = await (await fetch(`${base}/api/answers?survey=paging&limit=5`)).json()
    const second = await (await fetch(`${base}/api/answers?survey=paging&limit=5&cursor=${first.next}`)).json()
    const third = await (await fetch(`${base}/api/answers?survey=paging&limit=5&cursor=${second.next}`)).json()
    expect([first.answers.length, second.answers.length, third.answers.length, third.next]).toEqual([5, 5, 2, null])
    expect(new Set([...first.answers, ...second.answers, ...third.answers].map((a: Answer) => a.id)).size).toBe(12)
  })

  it('streams the answers as CSV, quoting what needs it and defusing formulas', async () => {
    const tricky = answer({ surveyId: 'csv', comment: '=HYPERLINK("x"), and\na "quote"', complete: true, attributes: { plan: 'pro' } })
    await post({ answers: [tricky, ...Array.from({ length: 19 }, () => answer({ surveyId: 'csv' }))] })
    const response = await fetch(`${base}/api/answers.csv?survey=csv`)
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    const text = await response.text()
    expect(text.split('\r\n')[0]).toBe('id,survey_id,type,score,comment,complete,created_at,received_at,url,locale,visitor_id,user_id,attributes')
    expect(text).toContain(`${tricky.id},csv,nps,9,"'=HYPERLINK(""x""), and\na ""quote""",true,`)
    expect(text).toContain('"{""plan"":""pro""}"')
    expect(text.trim().split('\r\n')).toHaveLength(21)
  })
})

describe('stopping', () => {
  it('on SIGTERM finishes the request in flight, stores it, closes the database and exits 0', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'sayso-stop-'))
    const database = join(folder, 'stop.db')
    const port = await new Promise<number>((done) => {
      const probe = net.createServer().listen(0, () => {
        const { port } = probe.address() as AddressInfo
        probe.close(() => done(port))
      })
    })
    const child = spawn(process.execPath, ['--import', 'tsx', 'collector/main.ts'], {
      cwd: resolve(import.meta.dirname, '../..'),
      env: { ...process.env, PORT: String(port), DATABASE_URL: database },
      stdio: ['ignore', 'pipe', 'pipe']
    })
    await new Promise<void>((done) => child.stdout.on('data', (chunk) => String(chunk).includes('sayso collector on') && done()))
    const a = answer()
    const body = JSON.stringify({ answers: [a] })
    // A request whose body is still arriving when the signal comes.
    const reply = new Promise<number>((done) => {
      const request = http.request({ port, method: 'POST', path: '/api/answers', headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } }, (response) => done(response.statusCode!))
      request.write(body.slice(0, 20))
      setTimeout(() => {
        child.kill('SIGTERM')
        setTimeout(() => request.end(body.slice(20)), 300)
      }, 200)
    })
    expect(await reply).toBe(200)
    const exit = await new Promise<number | null>((done) => child.on('exit', done))
    expect(exit).toBe(0)
    const reopened = createSqliteStore(database)
    expect((await reopened.answers()).map((row) => row.id)).toEqual([a.id])
    await reopened.close()
    rmSync(folder, { recursive: true, force: true })
  }, 20_000)
})

describe('GET /surveys.json', () => {
  it('serves the surveys of surveys.json for configUrl, cacheable and open to allowed origins', async () => {
    const surveys = [{ id: 'remote', type: 'nps' }]
    const own = createSqliteStore(':memory:')
    const server = createCollector({ store: own, root: resolve(import.meta.dirname, '../..'), surveys, allowedOrigins: ['https://shop.example'] })
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
    const at = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    const response = await fetch(`${at}/surveys.json`, { headers: { Origin: 'https://shop.example' } })
    expect(await response.json()).toEqual({ surveys })
    expect(response.headers.get('cache-control')).toBe('public, max-age=60')
    expect(response.headers.get('access-control-allow-origin')).toBe('https://shop.example')
    server.close()
    await own.close()
    expect((await fetch(`${base}/surveys.json`)).status).toBe(404)
  })
})
