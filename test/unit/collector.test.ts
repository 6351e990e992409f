// @vitest-environment node
import type { AddressInfo } from 'node:net'
import { resolve } from 'node:path'
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
