// @vitest-environment node
import { rmSync } from 'node:fs'
import http from 'node:http'
import net from 'node:net'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createRateLimit } from '../../collector/http/create-rate-limit'
import { createSqliteStore } from '../../collector/store/sqlite-store'
import type { Store } from '../../collector/store/store'
import { StoreUnavailable } from '../../collector/store/store-unavailable'
import type { Answer } from '../../src/types'
import { makeAnswer } from './helpers'
import { spawnCollector, startCollector, TOKEN, type RunningCollector } from './running-collector'

let collector: RunningCollector
const answer = (extra: Partial<Answer> = {}) => makeAnswer({ complete: false, url: 'https://shop.example/thanks', ...extra })
const rows = () => collector.store.answers({ limit: 10_000 })

beforeAll(async () => {
  collector = await startCollector({ allowedOrigins: ['https://shop.example'] })
})
afterAll(() => collector.close())

describe('POST /api/answers', () => {
  it('stores an answer as JSON and as text/plain (a beacon)', async () => {
    const a = answer()
    const b = answer({ type: 'csat', surveyId: 'csat', score: 4 })
    expect((await collector.post({ answers: [a] })).status).toBe(200)
    const response = await collector.post({ answers: [b] }, 'text/plain;charset=UTF-8')
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ stored: [b.id] })
    const stored = await rows()
    expect(stored.find((row) => row.id === a.id)).toMatchObject(a)
    expect(stored.find((row) => row.id === b.id)).toMatchObject(b)
  })

  it('keeps one row per id: a copy with the comment completes it, an older copy changes nothing', async () => {
    const partial = answer({ complete: false })
    const complete = { ...partial, complete: true, comment: 'Fast delivery' }
    for (const copy of [partial, partial, complete, partial]) await collector.post({ answers: [copy] })
    const mine = (await rows()).filter((row) => row.id === partial.id)
    expect(mine).toHaveLength(1)
    expect(mine[0]).toMatchObject({ complete: true, comment: 'Fast delivery', score: 9 })
  })

  it('makes one row of concurrent duplicates, counted once in the scores', async () => {
    const a = answer({ surveyId: 'duplicates' })
    const replies = await Promise.all(Array.from({ length: 20 }, () => collector.post({ answers: [a] })))
    expect(replies.map((reply) => reply.status)).toEqual(Array(20).fill(200))
    expect((await rows()).filter((row) => row.id === a.id)).toHaveLength(1)
    const { surveys } = await (await collector.read('/api/summary?survey=duplicates')).json()
    expect(surveys[0].count).toBe(1)
  })

  it('answers 400 with the field errors and stores nothing of an invalid answer', async () => {
    const good = answer()
    const bad = { ...answer(), score: 11, createdAt: 'yesterday' }
    const response = await collector.post({ answers: [good, bad] })
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
    const response = await collector.post(body)
    expect(response.status).toBe(400)
    expect((await response.json()).errors.map((e: { message: string }) => e.message)).toEqual([message])
  })

  it('answers 400 to malformed JSON, 415 to another content type, 413 over 64 KiB', async () => {
    const malformed = await collector.post('{"answers": [')
    expect(malformed.status).toBe(400)
    expect((await malformed.json()).error).toMatch(/^invalid JSON/)
    expect((await collector.post({ answers: [answer()] }, 'application/x-www-form-urlencoded')).status).toBe(415)
    expect((await collector.post({ answers: [answer({ comment: 'x'.repeat(70_000) })] })).status).toBe(413)
  })

  it('allows a configured origin, with a preflight, and refuses others', async () => {
    const preflight = await fetch(`${collector.at}/api/answers`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://shop.example', 'Access-Control-Request-Method': 'POST' }
    })
    expect(preflight.status).toBe(204)
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://shop.example')
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/Idempotency-Key/)
    const allowed = await collector.post({ answers: [answer()] }, 'application/json', { Origin: 'https://shop.example' })
    expect(allowed.status).toBe(200)
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://shop.example')
    expect((await collector.post({ answers: [answer()] }, 'text/plain', { Origin: 'https://evil.example' })).status).toBe(403)
  })
})

describe('the collector alone', () => {
  it('serves sayso and the dashboard, and none of the demo: no pages, no trouble switch', async () => {
    const script = await fetch(`${collector.at}/sayso.js`)
    expect(script.status).toBe(200)
    expect(script.headers.get('access-control-allow-origin')).toBe('*')
    expect((await fetch(`${collector.at}/dashboard`)).headers.get('content-security-policy')).toMatch(/style-src 'self'/)
    for (const path of ['/', '/zero-code', '/strict-csp', '/hostile-css', '/spa/docs', '/demo/demo.css', '/examples/react/', '/api/trouble']) {
      expect([path, (await fetch(`${collector.at}${path}`)).status]).toEqual([path, 404])
    }
    const trouble = await fetch(`${collector.at}/api/trouble`, { method: 'POST', body: JSON.stringify({ mode: '503' }) })
    expect(trouble.status).toBe(405)
    expect((await collector.post({ answers: [answer()] })).status).toBe(200)
  })

  it('serves nothing outside its folders', async () => {
    for (const path of ['/dashboard/app/%2e%2e/%2e%2e/package.json', '/dashboard/app/../../package.json', '/link/..%2f..%2fpackage.json', '/nowhere']) {
      expect([path, (await fetch(`${collector.at}${path}`)).status]).toEqual([path, 404])
    }
  })
})

describe('hardening', () => {
  it('answers 400, not 500, to a malformed % in the path, and goes on serving', async () => {
    for (const path of ['/%', '/s/%E0%A4%A', '/dashboard/%zz', '/api/summary%']) {
      const response = await fetch(`${collector.at}${path}`)
      expect([path, response.status]).toEqual([path, 400])
      expect((await response.json()).error).toBe('the path has a malformed percent-encoding')
    }
    expect((await fetch(`${collector.at}/healthz`)).status).toBe(200)
  })

  it('answers CONNECT with 405 and lets the connection go, so that the server can close', async () => {
    const own = await startCollector()
    const { port } = new URL(own.at)
    const reply = await new Promise<string>((done) => {
      const socket = net.connect(Number(port), '127.0.0.1', () => socket.write(`CONNECT / HTTP/1.1\r\nHost: x\r\nContent-Length: 70000\r\n\r\n${'x'.repeat(70_000)}`))
      socket.on('error', () => {})
      socket.once('data', (chunk) => {
        socket.destroy()
        done(String(chunk))
      })
    })
    expect(reply).toMatch(/^HTTP\/1\.1 405/)
    const closed = await Promise.race([own.close().then(() => 'closed'), new Promise((resume) => setTimeout(() => resume('still open after 3 s'), 3000))])
    expect(closed).toBe('closed')
  })

  it('limits each client address, answering 429 with Retry-After', async () => {
    const limited = await startCollector({ rateLimit: createRateLimit({ limit: 3 }) })
    const statuses = []
    for (let i = 0; i < 4; i++) statuses.push((await limited.post({ answers: [answer()] })).status)
    expect(statuses).toEqual([200, 200, 200, 429])
    const refused = await limited.post({ answers: [answer()] })
    expect(refused.status).toBe(429)
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(60)
    expect(await limited.store.answers()).toHaveLength(3)
    await limited.close()
  })

  it('refuses huge headers with 431 and goes on serving', async () => {
    const response = await fetch(`${collector.at}/healthz`, { headers: { 'X-Big': 'x'.repeat(20_000) } })
    expect(response.status).toBe(431)
    expect((await fetch(`${collector.at}/healthz`)).status).toBe(200)
  })

  it('cuts off a client that sends its headers too slowly', async () => {
    const slow = await startCollector({ timeouts: { headers: 300, request: 600 } })
    const { port } = new URL(slow.at)
    const reply = await new Promise<string>((done) => {
      const socket = net.connect(Number(port), '127.0.0.1', () => socket.write('POST /api/answers HTTP/1.1\r\nHost: x\r\n'))
      let text = ''
      socket.on('data', (chunk) => (text += chunk))
      socket.on('close', () => done(text))
    })
    expect(reply).toMatch(/^HTTP\/1\.1 408/)
    expect((await fetch(`${slow.at}/healthz`)).status).toBe(200)
    await slow.close()
  }, 10_000)
})

describe('operations', () => {
  // A store whose database is away: every call rejects as the real stores do then.
  const away = (store: Store): Store => {
    const unreachable = async () => {
      throw new StoreUnavailable(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))
    }
    return { ...store, upsert: unreachable, scoreCounts: unreachable, scoreTrend: unreachable, answers: unreachable, ready: async () => false }
  }

  it('answers 503 with Retry-After while the database is unreachable, to answers and reads, and /readyz says so', async () => {
    const down = await startCollector({ store: away(createSqliteStore(':memory:')) })
    const posted = await down.post({ answers: [answer()] })
    expect(posted.status).toBe(503)
    expect(Number(posted.headers.get('retry-after'))).toBeGreaterThan(0)
    for (const path of ['/api/summary', '/api/answers', '/api/answers.csv']) {
      const read = await down.read(path)
      expect([path, read.status, read.headers.get('retry-after')]).toEqual([path, 503, '5'])
    }
    expect((await fetch(`${down.at}/healthz`)).status).toBe(200)
    expect((await fetch(`${down.at}/readyz`)).status).toBe(503)
    expect((await fetch(`${collector.at}/readyz`)).status).toBe(200)
    await down.close()
  })

  it('logs one line per request with method, path and status, and never what an answer says or who gave it', async () => {
    const lines: string[] = []
    const logger = pino({}, { write: (line: string) => void lines.push(line) })
    const surveys = [{ id: 'nps-link', type: 'nps' }]
    const logged = await startCollector({ logger, surveys })
    const secret = answer({ comment: 'my private comment', userId: 'cust_4242', attributes: { email: 'ann@example.com' } })
    expect((await logged.post({ answers: [secret] })).status).toBe(200)
    expect((await fetch(`${logged.at}/s/nps-link?u=cust_4242&t=mail-99`)).status).toBe(200)
    expect((await logged.read('/api/answers?survey=nps-main')).status).toBe(200)
    expect((await fetch(`${logged.at}/%zz?u=cust_4242`)).status).toBe(400)
    await logged.close()
    const entries = lines.map((line) => JSON.parse(line))
    expect(entries.map(({ method, path, status }) => [method, path, status])).toEqual([
      ['POST', '/api/answers', 200],
      ['GET', '/s/nps-link', 200],
      ['GET', '/api/answers', 200],
      ['GET', '/%zz', 400]
    ])
    for (const text of ['my private comment', 'cust_4242', 'ann@example.com', secret.id, secret.visitorId, TOKEN]) {
      expect(lines.join('\n')).not.toContain(text)
    }
  })
})

describe('GET /surveys.json', () => {
  it('serves the surveys of surveys.json for configUrl, cacheable and open to allowed origins', async () => {
    const surveys = [{ id: 'remote', type: 'nps' }]
    const configured = await startCollector({ surveys, allowedOrigins: ['https://shop.example'] })
    const response = await fetch(`${configured.at}/surveys.json`, { headers: { Origin: 'https://shop.example' } })
    expect(await response.json()).toEqual({ surveys })
    expect(response.headers.get('cache-control')).toBe('public, max-age=60')
    expect(response.headers.get('access-control-allow-origin')).toBe('https://shop.example')
    await configured.close()
    expect((await fetch(`${collector.at}/surveys.json`)).status).toBe(404)
  })
})

describe('npm start', () => {
  it('without DASHBOARD_TOKEN makes one, prints the dashboard address with it in the fragment, and reads only with it', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'sayso-start-'))
    const started = await spawnCollector({ DATABASE_URL: join(folder, 'start.db') })
    expect(started.started).toBe(true)
    const printed = JSON.parse((await started.line('"msg":"dashboard '))!).msg
    const token = /\/dashboard#token=([\w-]{32,}) /.exec(printed)?.[1]
    expect(token).toBeDefined()
    for (const path of ['/api/answers', '/api/answers.csv', '/api/summary', '/api/trend']) {
      expect([path, (await fetch(`${started.at}${path}`)).status]).toEqual([path, 401])
      expect([path, (await fetch(`${started.at}${path}?token=${token}`)).status]).toEqual([path, 401])
      expect([path, (await fetch(`${started.at}${path}`, { headers: { Authorization: `Bearer ${token}` } })).status]).toEqual([path, 200])
    }
    started.child.kill('SIGTERM')
    expect(await started.exited).toBe(0)
    rmSync(folder, { recursive: true, force: true })
  }, 30_000)

  it('refuses settings it cannot read, one line each, with exit code 2', async () => {
    const refused = await spawnCollector({ RATE_LIMIT: 'lots', TRUST_PROXY: 'true', DASHBOARD_TOKEN: 'short', LINK_SECRET: 'abc' })
    expect(refused.started).toBe(false)
    expect(await refused.exited).toBe(2)
    expect(refused.output).toEqual([
      'RATE_LIMIT: expected whole requests a minute per client address (0 for none), got "lots"',
      'TRUST_PROXY: expected the number of proxies in front of the collector (0–10), got "true"',
      'DASHBOARD_TOKEN: expected at least 16 characters (a long random string), got 5',
      'LINK_SECRET: expected at least 16 characters (a long random string), got 3'
    ])
  }, 30_000)

  it.runIf(process.env.SAYSO_TEST_POSTGRES)('starts while its PostgreSQL cannot be reached (503 until it can), and refuses a wrong password with exit code 2', async () => {
    const unreachable = await spawnCollector({ DATABASE_URL: 'postgres://sayso:sayso@127.0.0.1:1/sayso_test', DASHBOARD_TOKEN: TOKEN })
    expect(unreachable.started).toBe(true)
    const posted = await fetch(`${unreachable.at}/api/answers`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ answers: [answer()] }) })
    expect([posted.status, posted.headers.get('retry-after')]).toEqual([503, '5'])
    expect((await fetch(`${unreachable.at}/readyz`)).status).toBe(503)
    unreachable.child.kill('SIGTERM')
    expect(await unreachable.exited).toBe(0)
    const refused = await spawnCollector({ DATABASE_URL: process.env.SAYSO_TEST_POSTGRES!.replace('sayso:sayso@', 'sayso:wrong@') })
    expect(refused.started).toBe(false)
    expect(await refused.exited).toBe(2)
    expect(refused.output.join('\n')).toMatch(/Cannot open the database postgres:\/\/…@127\.0\.0\.1:5432\/sayso_test: password authentication failed/)
  }, 40_000)

  it('on SIGTERM finishes the request in flight, stores it, closes the database and exits 0', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'sayso-stop-'))
    const database = join(folder, 'stop.db')
    const started = await spawnCollector({ DATABASE_URL: database, DASHBOARD_TOKEN: TOKEN })
    const a = answer()
    const body = JSON.stringify({ answers: [a] })
    // A request whose body is still arriving when the signal comes.
    const reply = new Promise<number>((done) => {
      const request = http.request(
        { port: started.port, method: 'POST', path: '/api/answers', headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } },
        (response) => done(response.statusCode!)
      )
      request.write(body.slice(0, 20))
      setTimeout(() => {
        started.child.kill('SIGTERM')
        setTimeout(() => request.end(body.slice(20)), 300)
      }, 200)
    })
    expect(await reply).toBe(200)
    expect(await started.exited).toBe(0)
    const reopened = createSqliteStore(database)
    expect((await reopened.answers()).map((row) => row.id)).toEqual([a.id])
    await reopened.close()
    rmSync(folder, { recursive: true, force: true })
  }, 30_000)
})
