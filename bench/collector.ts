// The collector under load, for SQLite and (when a server is named) PostgreSQL, each in a
// process of its own started as `npm start` starts it (request logging on):
//
// 1. ingestion: answers stored per second and latency at 1, 10 and 50 concurrent clients,
//    one answer a request over keep-alive; then the same with a webhook on every answer
//    (a receiver on loopback answering 200), and how soon after the last answer every
//    hook delivery was in;
// 2. at a million answers (seeded with a bulk insert, not through HTTP): /api/summary and a
//    year's daily trend, alone and while 10 clients keep posting, and those clients' answers/s;
// 3. the rate limiter's memory under a million client addresses.
//
// BENCH_SECONDS (5) sets each level's time, BENCH_ANSWERS (1,000,000) the seeded answers.
// PostgreSQL: SAYSO_BENCH_POSTGRES=postgres://… (or SAYSO_TEST_POSTGRES); the bench works in
// a schema of its own there and drops it after.
import { spawn, type ChildProcess } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import http from 'node:http'
import net, { type AddressInfo } from 'node:net'
import { cpus, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import Database from 'better-sqlite3'
import pg from 'pg'
import { createRateLimit } from '../collector/http/create-rate-limit'
import { createPostgresStore } from '../collector/store/postgres-store'
import { createSqliteStore } from '../collector/store/sqlite-store'
import { heapMB } from '../test/unit/measure-heap'

const root = resolve(import.meta.dirname, '..')
const seconds = Number(process.env.BENCH_SECONDS ?? 5)
const seeded = Number(process.env.BENCH_ANSWERS ?? 1_000_000)
const levels = [1, 10, 50]
const postgres = process.env.SAYSO_BENCH_POSTGRES ?? process.env.SAYSO_TEST_POSTGRES
const token = 'bench-token-0123456789abcdef'
const schema = `sayso_bench_${process.pid}`
const DAY_MS = 86_400_000

const freePort = () =>
  new Promise<number>((done) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo
      probe.close(() => done(port))
    })
  })

const startCollector = async (database: string, env: Record<string, string> = {}) => {
  const port = await freePort()
  const child = spawn(process.execPath, ['--import', 'tsx', 'collector/main.ts'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), DATABASE_URL: database, RATE_LIMIT: '0', DASHBOARD_TOKEN: token, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'inherit']
  })
  await new Promise<void>((done, fail) => {
    child.stdout!.on('data', (chunk) => String(chunk).includes('sayso collector on') && done())
    child.on('exit', (code) => fail(new Error(`the collector exited with ${code}`)))
  })
  // Its log lines are read and dropped, as a log shipper would take them.
  child.stdout!.resume()
  return { port, child }
}

const stop = (child: ChildProcess) =>
  new Promise<void>((done) => {
    child.on('exit', () => done())
    child.kill('SIGTERM')
  })

const answerBody = () =>
  JSON.stringify({
    answers: [
      {
        id: randomUUID(),
        surveyId: 'bench',
        type: 'nps',
        score: Math.floor(Math.random() * 11),
        complete: true,
        createdAt: new Date().toISOString(),
        url: 'https://shop.example/bench',
        locale: 'en',
        visitorId: randomUUID(),
        sdk: 'sayso@bench'
      }
    ]
  })

const request = (agent: http.Agent, port: number, method: string, path: string, body?: string) =>
  new Promise<number>((done, fail) => {
    const headers: Record<string, string | number> = { Authorization: `Bearer ${token}` }
    if (body) Object.assign(headers, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) })
    const sent = http.request({ agent, port, host: '127.0.0.1', method, path, headers }, (response) => {
      response.resume()
      response.on('end', () => done(response.statusCode!))
    })
    sent.on('error', fail)
    sent.end(body)
  })

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
const median = (values: number[]) => percentile([...values].sort((a, b) => a - b), 50)

/** `clients` posting one answer a request until `until`; answers stored per second and latencies. */
const ingest = async (port: number, clients: number, until: number) => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: clients })
  const latencies: number[] = []
  let failed = 0
  const started = performance.now()
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < until) {
        const t0 = performance.now()
        const status = await request(agent, port, 'POST', '/api/answers', answerBody())
        latencies.push(performance.now() - t0)
        if (status !== 200) failed++
      }
    })
  )
  const elapsed = (performance.now() - started) / 1000
  agent.destroy()
  latencies.sort((a, b) => a - b)
  const stored = latencies.length - failed
  return { clients, stored, perSecond: Math.round(stored / elapsed), p50: percentile(latencies, 50), p99: percentile(latencies, 99), failed }
}

/** Each read in turn, back to back, until `until` (or `times` rounds); the latencies of each. */
const readLoop = async (port: number, paths: string[], until: number, times = Infinity) => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
  const latencies = new Map<string, number[]>(paths.map((path) => [path, []]))
  for (let round = 0; round < times && performance.now() < until; round++) {
    for (const path of paths) {
      const t0 = performance.now()
      const status = await request(agent, port, 'GET', path)
      if (status !== 200) throw new Error(`${path}: HTTP ${status}`)
      latencies.get(path)!.push(performance.now() - t0)
    }
  }
  agent.destroy()
  return latencies
}

// The million answers: ten surveys (NPS, CSAT and CES in turn) over the last 365 days, one in five
// with a comment, on fifty pages — inserted by the database itself, in chunks.
const CHUNK = 100_000
const seedSqlite = (file: string) => {
  const db = new Database(file)
  const now = Date.now()
  const insert = db.prepare(`
    WITH RECURSIVE n(i) AS (SELECT @from UNION ALL SELECT i + 1 FROM n WHERE i < @to - 1)
    INSERT INTO answers (id, survey_id, type, score, comment, complete, created_at, received_at, updated_at, url, path, device, locale, visitor_id, sdk)
    SELECT id, survey_id, type, score, comment, 1, created_at, created_at, created_at, url, path, device, 'en', id, 'sayso@bench' FROM (
      SELECT lower(hex(randomblob(16))) AS id, 'survey-' || (i % 10) AS survey_id,
        CASE (i % 10) % 3 WHEN 0 THEN 'nps' WHEN 1 THEN 'csat' ELSE 'ces' END AS type,
        CASE (i % 10) % 3 WHEN 0 THEN abs(random()) % 11 WHEN 1 THEN 1 + abs(random()) % 5 ELSE 1 + abs(random()) % 7 END AS score,
        CASE WHEN i % 5 = 0 THEN 'a comment of a few words' END AS comment,
        strftime('%Y-%m-%dT%H:%M:%fZ', (@now - abs(random()) % @year) / 1000.0, 'unixepoch') AS created_at,
        'https://shop.example/p/' || (i % 50) AS url, '/p/' || (i % 50) AS path,
        CASE WHEN i % 3 = 0 THEN 'mobile' ELSE 'desktop' END AS device
      FROM n)`)
  for (let from = 0; from < seeded; from += CHUNK) insert.run({ from, to: Math.min(seeded, from + CHUNK), now, year: 365 * DAY_MS })
  db.close()
}

const seedPostgres = async (url: string) => {
  const client = new pg.Client(url)
  await client.connect()
  await client.query(`SET search_path = ${schema}`)
  for (let from = 0; from < seeded; from += CHUNK) {
    await client.query(
      `INSERT INTO answers (id, survey_id, type, score, comment, complete, created_at, received_at, updated_at, url, path, device, locale, visitor_id, sdk)
       SELECT id, survey_id, type, score, comment, true, created_at, created_at, created_at, url, path, device, 'en', id, 'sayso@bench' FROM (
         SELECT md5(random()::text || i) AS id, 'survey-' || (i % 10) AS survey_id,
           (ARRAY['nps', 'csat', 'ces'])[(i % 10) % 3 + 1] AS type,
           CASE (i % 10) % 3 WHEN 0 THEN floor(random() * 11) WHEN 1 THEN 1 + floor(random() * 5) ELSE 1 + floor(random() * 7) END AS score,
           CASE WHEN i % 5 = 0 THEN 'a comment of a few words' END AS comment,
           now() - random() * interval '365 days' AS created_at,
           'https://shop.example/p/' || (i % 50) AS url, '/p/' || (i % 50) AS path,
           CASE WHEN i % 3 = 0 THEN 'mobile' ELSE 'desktop' END AS device
         FROM generate_series($1::int, $2::int - 1) AS i) AS made`,
      [from, Math.min(seeded, from + CHUNK)]
    )
  }
  // As autovacuum would in time: the planner's statistics of both tables.
  await client.query('VACUUM ANALYZE answers')
  await client.query('VACUUM ANALYZE answer_days')
  await client.end()
}

const dropSchema = async (url: string) => {
  const client = new pg.Client(url)
  await client.connect()
  await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
  await client.end()
}

const ms = (value: number) => `${value.toFixed(1)} ms`
const results: Record<string, unknown> = {}
const folder = mkdtempSync(join(tmpdir(), 'sayso-bench-'))
const postgresUrl = postgres && `${postgres}${postgres.includes('?') ? '&' : '?'}schema=${schema}`
const stores: [string, () => string][] = [['SQLite', () => join(folder, `bench-${randomUUID()}.db`)]]
if (postgresUrl) stores.push(['PostgreSQL', () => postgresUrl])
else console.log('PostgreSQL skipped: set SAYSO_BENCH_POSTGRES (or SAYSO_TEST_POSTGRES) to postgres://…')

console.log(`\nCollector on ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${seconds} s per level\n`)

// 1. Ingestion
console.log('Ingestion, one answer a request:')
const ingestion: unknown[] = []
for (const [store, database] of stores) {
  const { port, child } = await startCollector(database())
  await ingest(port, 5, performance.now() + 1000) // warm-up
  for (const clients of levels) {
    const result = { store, ...(await ingest(port, clients, performance.now() + seconds * 1000)) }
    ingestion.push(result)
    console.log(`  ${store.padEnd(10)} ${String(clients).padStart(3)} clients  ${String(result.perSecond).padStart(6)} answers/s   p50 ${ms(result.p50).padStart(9)}   p99 ${ms(result.p99).padStart(9)}${result.failed ? `   ${result.failed} failed` : ''}`)
  }
  await stop(child)
  if (store === 'PostgreSQL') await dropSchema(postgres!)
}
results.ingestion = ingestion

// 1b. Ingestion with a webhook on every answer: each answer is complete, so each delivery is
// due at once and posted while the clients keep posting.
const startHookReceiver = async () => {
  let received = 0
  const server = http.createServer((incoming, response) => {
    incoming.resume()
    incoming.on('end', () => {
      received++
      response.writeHead(200)
      response.end('ok')
    })
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    received: () => received,
    close: () => new Promise((done) => server.close(done))
  }
}
console.log('\nIngestion with a webhook on every answer (a receiver on loopback answering 200), against none, level by level in turn:')
const withHook: unknown[] = []
for (const [store, database] of stores) {
  const receiver = await startHookReceiver()
  const webhooksFile = join(folder, `webhooks-${randomUUID()}.json`)
  writeFileSync(webhooksFile, JSON.stringify([{ url: receiver.url, format: 'json', secret: 'bench-secret-0123456789' }]))
  // Side by side, measured in turn, so that both see the same load from the rest of the machine.
  const hooked = await startCollector(database(), { WEBHOOKS_FILE: webhooksFile })
  const plain = await startCollector(database())
  let stored = (await ingest(hooked.port, 5, performance.now() + 1000)).stored // warm-up
  await ingest(plain.port, 5, performance.now() + 1000)
  for (const clients of levels) {
    const none = await ingest(plain.port, clients, performance.now() + seconds * 1000)
    const result = await ingest(hooked.port, clients, performance.now() + seconds * 1000)
    stored += result.stored
    const ended = performance.now()
    // Every delivery in, at most a minute after the last answer.
    while (receiver.received() < stored && performance.now() - ended < 60_000) await new Promise((resume) => setTimeout(resume, 20))
    const deliveredAfterMs = performance.now() - ended
    withHook.push({ store, ...result, withoutHookPerSecond: none.perSecond, delivered: receiver.received(), deliveredAfterMs })
    console.log(
      `  ${store.padEnd(10)} ${String(clients).padStart(3)} clients  ${String(result.perSecond).padStart(6)} answers/s (${none.perSecond} without)   p50 ${ms(result.p50).padStart(9)}   p99 ${ms(result.p99).padStart(9)}` +
        `   every delivery in ${ms(deliveredAfterMs)} after the last answer${receiver.received() < stored ? ` — only ${receiver.received()} of ${stored}` : ''}`
    )
  }
  await stop(hooked.child)
  await stop(plain.child)
  await receiver.close()
  if (store === 'PostgreSQL') await dropSchema(postgres!)
}
results.withHook = withHook

// 2. Reading at a million answers
const today = new Date().toISOString().slice(0, 10)
const yearAgo = new Date(Date.now() - 364 * DAY_MS).toISOString().slice(0, 10)
const summary = '/api/summary'
const dailyTrend = `/api/trend?period=day&from=${yearAgo}&to=${today}`
const byUrl = '/api/summary?url=https://shop.example/p/7'
// Segments are counted from the answers themselves: every answer of the filter, once.
const byDevice = '/api/summary?by=device'
const byPath = '/api/summary?by=path'
const oneSurveyByPath = '/api/summary?survey=survey-3&by=path'
console.log(`\nAt ${seeded.toLocaleString('en')} answers (10 surveys over a year), medians:`)
const reading: unknown[] = []
for (const [store, made] of stores) {
  const database = made()
  const seedStarted = performance.now()
  // The store makes the schema (tables, trigger); the database then inserts the answers itself.
  const opened = store === 'SQLite' ? createSqliteStore(database) : await createPostgresStore(database)
  await opened.close()
  if (store === 'SQLite') seedSqlite(database)
  else await seedPostgres(postgres!)
  const seedSeconds = (performance.now() - seedStarted) / 1000
  const { port, child } = await startCollector(database)
  await readLoop(port, [summary, dailyTrend], Infinity, 2) // warm-up
  const alone = await readLoop(port, [summary, dailyTrend, byUrl], Infinity, 15)
  const segments = await readLoop(port, [byDevice, byPath, oneSurveyByPath], Infinity, 3)
  const ingestAlone = await ingest(port, 10, performance.now() + seconds * 1000)
  const until = performance.now() + seconds * 1000
  const [ingestWhileReading, whileIngesting] = await Promise.all([ingest(port, 10, until), readLoop(port, [summary, dailyTrend], until)])
  await stop(child)
  if (store === 'PostgreSQL') await dropSchema(postgres!)
  const result = {
    store,
    seedSeconds: Math.round(seedSeconds),
    summaryMs: median(alone.get(summary)!),
    dailyTrendMs: median(alone.get(dailyTrend)!),
    summaryByUrlMs: median(alone.get(byUrl)!),
    byDeviceMs: median(segments.get(byDevice)!),
    byPathMs: median(segments.get(byPath)!),
    oneSurveyByPathMs: median(segments.get(oneSurveyByPath)!),
    summaryWhileIngestingMs: median(whileIngesting.get(summary)!),
    dailyTrendWhileIngestingMs: median(whileIngesting.get(dailyTrend)!),
    readsWhileIngesting: whileIngesting.get(summary)!.length + whileIngesting.get(dailyTrend)!.length,
    answersPerSecondAlone: ingestAlone.perSecond,
    answersPerSecondWhileReading: ingestWhileReading.perSecond
  }
  reading.push(result)
  console.log(
    `  ${store.padEnd(10)} seeded in ${result.seedSeconds} s; summary ${ms(result.summaryMs)}, daily trend of a year ${ms(result.dailyTrendMs)}` +
      ` (summary filtered by URL, counted from the answers: ${ms(result.summaryByUrlMs)});\n` +
      `             segments of all ten surveys by device ${ms(result.byDeviceMs)}, by path ${ms(result.byPathMs)}; one survey's by path ${ms(result.oneSurveyByPathMs)};\n` +
      `             while 10 clients post: summary ${ms(result.summaryWhileIngestingMs)}, trend ${ms(result.dailyTrendWhileIngestingMs)}` +
      ` (${result.readsWhileIngesting} reads back to back); ${result.answersPerSecondWhileReading} answers/s (alone ${result.answersPerSecondAlone})`
  )
}
results.reading = reading

// 3. The rate limiter's memory
const address = (i: number) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`
console.log('\nRate limiter, a million client addresses in one window:')
const limiter: unknown[] = []
for (const [name, maxAddresses] of [
  ['as the collector runs it (at most 100,000 remembered)', 100_000],
  ['without that bound', Infinity]
] as const) {
  const windowMs = 20_000
  const before = heapMB()
  const limit = createRateLimit({ limit: 120, windowMs, maxAddresses })
  const started = performance.now()
  for (let i = 0; i < 1_000_000; i++) await limit.take(address(i))
  const takeSeconds = (performance.now() - started) / 1000
  const held = heapMB() - before
  await new Promise((resume) => setTimeout(resume, windowMs + 500))
  const after = heapMB() - before
  limiter.push({ name, heldMB: Math.round(held), afterWindowMB: Math.round(after * 10) / 10, takeSeconds })
  console.log(`  ${name}: +${held.toFixed(0)} MB of heap while remembered, +${after.toFixed(1)} MB once the window is over (${(1e6 / takeSeconds / 1000).toFixed(0)}k requests/s through it)`)
}
results.limiter = limiter

rmSync(folder, { recursive: true, force: true })
mkdirSync(join(root, 'test-output'), { recursive: true })
writeFileSync(join(root, 'test-output/bench-collector.json'), JSON.stringify(results, null, 2))
console.log('\n  (also in test-output/bench-collector.json)\n')
