// @vitest-environment happy-dom
import { execFile } from 'node:child_process'
import http from 'node:http'
import { promisify } from 'node:util'
import pg from 'pg'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { createPostgresStore, type PostgresStore } from '../../collector/store/postgres-store'
import { queuePrefix } from '../../src/outbox/queue-prefix'
import { openOutbox } from '../../src/outbox'
import type { Answer, SaysoError } from '../../src/types'
import { makeAnswer } from './helpers'
import { startCollector, TOKEN, type RunningCollector } from './running-collector'

// docs/delivery.md fault row 24 and #13 finding 8: the collector's PostgreSQL stopped (as a restart
// or a failover stops it) and started again. It needs a cluster of its own, which .ci/run makes:
// SAYSO_TEST_POSTGRES_RESTART=postgres://… names it, SAYSO_TEST_POSTGRES_RESTART_CLUSTER="15 restart"
// is its version and name for pg_ctlcluster (run as root). Never the shared server.
const url = process.env.SAYSO_TEST_POSTGRES_RESTART
const cluster = process.env.SAYSO_TEST_POSTGRES_RESTART_CLUSTER?.split(/\s+/)
if (!url || !cluster) console.log('Database restart tests skipped: set SAYSO_TEST_POSTGRES_RESTART and SAYSO_TEST_POSTGRES_RESTART_CLUSTER (.ci/run does)')

const run = promisify(execFile)
const stopDatabase = () => run('pg_ctlcluster', [...cluster!, 'stop', '-m', 'fast'])
const startDatabase = () => run('pg_ctlcluster', [...cluster!, 'start'])
// Started again when a test failed while it was down, so that the next test finds it up.
const startIfDown = () => startDatabase().catch(() => {})
const sleep = (ms: number) => new Promise((resume) => setTimeout(resume, ms))
// Node's own HTTP, where the test itself asks: fetch in this page is the page's, with CORS.
const call = (method: string, address: string, body?: unknown) =>
  new Promise<{ status: number; retryAfter?: string }>((done, fail) => {
    const request = http.request(address, { method, headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${TOKEN}` } }, (response) => {
      response.resume()
      response.on('end', () => done({ status: response.statusCode!, retryAfter: response.headers['retry-after'] }))
    })
    request.on('error', fail)
    request.end(body === undefined ? undefined : JSON.stringify(body))
  })

/** Polls (every 200 ms, at most `ms`) until `done` holds; returns whether it did. */
const until = async (done: () => boolean | Promise<boolean>, ms: number) => {
  for (const deadline = Date.now() + ms; Date.now() < deadline; await sleep(200)) if (await done()) return true
  return done()
}

describe.runIf(url && cluster)('the collector while its PostgreSQL restarts', () => {
  const schema = `sayso_restart_${process.pid}_${Date.now()}`
  let store: PostgresStore
  let collector: RunningCollector
  beforeAll(async () => {
    store = await createPostgresStore(url!, { schema })
    collector = await startCollector({ store, allowedOrigins: [location.origin] })
  })
  afterEach(startIfDown)
  afterAll(async () => {
    await collector?.close()
    await store?.close()
    const client = new pg.Client(url)
    await client.connect()
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
    await client.end()
  })

  it('stays up, answers 503 with Retry-After while the database is down, and reconnects by itself', async () => {
    // Connections in the pool, idle when the database goes: each of them then reports an error.
    const post = (answer: Answer) => call('POST', `${collector.at}/api/answers`, { answers: [answer] })
    await Promise.all(Array.from({ length: 4 }, () => post(makeAnswer({ surveyId: 'restart' }))))
    await stopDatabase()
    await sleep(500)
    expect(await post(makeAnswer({ surveyId: 'restart' }))).toEqual({ status: 503, retryAfter: '5' })
    expect((await call('GET', `${collector.at}/api/summary`)).status).toBe(503)
    expect((await call('GET', `${collector.at}/readyz`)).status).toBe(503)
    expect((await call('GET', `${collector.at}/healthz`)).status).toBe(200)
    await startDatabase()
    const later = makeAnswer({ surveyId: 'restart' })
    expect(await until(async () => (await post(later)).status === 200, 20_000)).toBe(true)
    expect((await call('GET', `${collector.at}/readyz`)).status).toBe(200)
    expect((await store.answers({ surveyId: 'restart', limit: 100 })).map((row) => row.id)).toContain(later.id)
  }, 60_000)

  it('stores every answer of a soak once, with its latest comment, through 10 s without the database (fault row 24)', async () => {
    // The SDK's own outbox and fetch transport, against the real collector: retries after a 503 are its own.
    const deliveries: { status: number; ids: string[] }[] = []
    const realFetch = globalThis.fetch
    vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
      const response = await realFetch(input, init)
      if (init?.method === 'POST') deliveries.push({ status: response.status, ids: JSON.parse(String(init.body)).answers.map((answer: Answer) => answer.id) })
      return response
    })
    const errors: SaysoError[] = []
    const endpoint = `${collector.at}/api/answers`
    const outbox = openOutbox({ endpoint }, { onSent: () => {}, onError: (error) => errors.push(error) })
    // What the visitors gave, latest copy last: a score, and for every third answer a comment later.
    const given = new Map<string, Answer>()
    const commented = new Set<string>()
    const give = (answer: Answer) => {
      given.set(answer.id, answer)
      outbox.push(answer)
    }
    // One answer every 350 ms, a little more than the outbox waits for answers to travel together.
    const soak = (async () => {
      for (let i = 0; i < 50; i++) {
        const answer = makeAnswer({ surveyId: 'soak', score: i % 11, complete: false, createdAt: new Date().toISOString() })
        give(answer)
        const earlier = [...given.values()][i - 4]
        if (earlier && i % 3 === 0) {
          commented.add(earlier.id)
          give({ ...earlier, complete: true, comment: `comment for ${earlier.id.slice(-4)}` })
        }
        await sleep(350)
      }
    })()
    await sleep(2500)
    await stopDatabase()
    await sleep(10_000)
    await startDatabase()
    await soak
    // The outbox's own key for this endpoint (its colons escaped): a prefix of the old form would match nothing and pass at once.
    const prefix = queuePrefix(endpoint)
    const emptied = await until(() => !Object.keys(localStorage).some((key) => key.startsWith(prefix)), 40_000)
    outbox.destroy()
    vi.unstubAllGlobals()

    const rows = await store.answers({ surveyId: 'soak', limit: 1000 })
    const statuses = deliveries.map((delivery) => delivery.status)
    const twice = [...given.keys()].filter((id) => deliveries.filter((delivery) => delivery.status === 200 && delivery.ids.includes(id)).length > 1)
    console.log(
      `soak: ${given.size} answers, ${deliveries.length} requests (${statuses.filter((status) => status === 503).length} answered 503), ${twice.length} answers acknowledged twice (a copy with a comment, sent again as it should)`
    )
    expect(emptied).toBe(true)
    expect(errors).toEqual([])
    // Acknowledged twice only when there was a second copy to send: never the same copy again.
    expect(twice.filter((id) => !commented.has(id))).toEqual([])
    // The outage was met: the outbox was told 503 and sent again.
    expect(statuses).toContain(503)
    // Every answer stored once, as it was last given: the rows match the answers in number and content.
    const content = (answer: Answer) => ({ id: answer.id, score: answer.score, comment: answer.comment, complete: answer.complete })
    const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id)
    expect(rows.map(content).sort(byId)).toEqual([...given.values()].map(content).sort(byId))
    const [counts] = await store.scoreCounts({ surveyId: 'soak' })
    expect(counts.count).toBe(given.size)
  }, 120_000)
})
