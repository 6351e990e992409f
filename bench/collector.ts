// The collector under load: answers stored per second and request latency at 1, 10 and 50
// concurrent clients, for SQLite and (when a server is named) PostgreSQL. The collector runs
// in a process of its own; every client posts one answer a request over keep-alive.
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs'
import http from 'node:http'
import net, { type AddressInfo } from 'node:net'
import { cpus, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { randomUUID } from 'node:crypto'

const root = resolve(import.meta.dirname, '..')
const seconds = Number(process.env.BENCH_SECONDS ?? 5)
const levels = [1, 10, 50]
const postgres = process.env.SAYSO_BENCH_POSTGRES ?? process.env.SAYSO_TEST_POSTGRES

const freePort = () =>
  new Promise<number>((done) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo
      probe.close(() => done(port))
    })
  })

const startCollector = async (database: string) => {
  const port = await freePort()
  const child = spawn(process.execPath, ['--import', 'tsx', 'collector/main.ts'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), DATABASE_URL: database, RATE_LIMIT: '0' },
    stdio: ['ignore', 'pipe', 'inherit']
  })
  await new Promise<void>((done, fail) => {
    child.stdout!.on('data', (chunk) => String(chunk).includes('sayso collector on') && done())
    child.on('exit', (code) => fail(new Error(`the collector exited with ${code}`)))
  })
  return { port, child }
}

const stop = (child: ChildProcess) =>
  new Promise<void>((done) => {
    child.on('exit', () => done())
    child.kill('SIGTERM')
  })

const answer = () =>
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

const post = (agent: http.Agent, port: number, body: string) =>
  new Promise<number>((done, fail) => {
    const request = http.request(
      { agent, port, host: '127.0.0.1', method: 'POST', path: '/api/answers', headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } },
      (response) => {
        response.resume()
        response.on('end', () => done(response.statusCode!))
      }
    )
    request.on('error', fail)
    request.end(body)
  })

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]

const load = async (port: number, clients: number) => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: clients })
  const latencies: number[] = []
  let failed = 0
  const until = performance.now() + seconds * 1000
  const started = performance.now()
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < until) {
        const body = answer()
        const t0 = performance.now()
        const status = await post(agent, port, body)
        latencies.push(performance.now() - t0)
        if (status !== 200) failed++
      }
    })
  )
  const elapsed = (performance.now() - started) / 1000
  agent.destroy()
  latencies.sort((a, b) => a - b)
  return { clients, perSecond: Math.round((latencies.length - failed) / elapsed), p50: percentile(latencies, 50), p99: percentile(latencies, 99), failed }
}

const results: { store: string; clients: number; perSecond: number; p50: number; p99: number; failed: number }[] = []
const folder = mkdtempSync(join(tmpdir(), 'sayso-bench-'))
const stores: [string, string][] = [['SQLite', join(folder, 'bench.db')]]
if (postgres) stores.push(['PostgreSQL', postgres])
else console.log('PostgreSQL skipped: set SAYSO_BENCH_POSTGRES (or SAYSO_TEST_POSTGRES) to postgres://…')

console.log(`\nCollector load: ${seconds} s per level, one answer a request, on ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}\n`)
for (const [store, database] of stores) {
  const { port, child } = await startCollector(database)
  await load(port, 5) // warm-up
  for (const clients of levels) {
    const result = { store, ...(await load(port, clients)) }
    results.push(result)
    console.log(
      `  ${store.padEnd(10)} ${String(clients).padStart(3)} clients  ${String(result.perSecond).padStart(6)} answers/s   p50 ${result.p50.toFixed(1).padStart(6)} ms   p99 ${result.p99.toFixed(1).padStart(6)} ms${result.failed ? `   ${result.failed} failed` : ''}`
    )
  }
  await stop(child)
}
rmSync(folder, { recursive: true, force: true })
mkdirSync(join(root, 'test-output'), { recursive: true })
writeFileSync(join(root, 'test-output/bench-collector.json'), JSON.stringify(results, null, 2))
console.log('\n  (also in test-output/bench-collector.json)\n')
