import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Problem } from '../src/config/problem'
import { parseSurveys } from '../src/config/parse-config'
import { createCollector } from './create-collector'
import { createStore } from './create-store'
import { createTrouble } from './create-trouble'

// Settings come from the environment; the README lists them.
const env = process.env
const port = Number(env.PORT ?? 8787)
const database = env.DATABASE_URL ?? 'data/sayso.db'
const rateLimit = Number(env.RATE_LIMIT ?? 120)
if (!Number.isInteger(rateLimit) || rateLimit < 0) {
  console.error(`RATE_LIMIT: expected whole requests a minute per client address (0 for none), got ${JSON.stringify(env.RATE_LIMIT)}`)
  process.exit(2)
}
const root = resolve(import.meta.dirname, '..')
// `--demo` adds the network trouble switch that the demo storefront drives.
const demo = process.argv.includes('--demo')

// The surveys served at /surveys.json (for configUrl), read once at start and checked with
// the SDK's own schema; the problems are printed, and browsers report them too.
const surveysFile = resolve(env.SURVEYS_FILE ?? resolve(root, 'surveys.json'))
let surveys: unknown[] | undefined
if (existsSync(surveysFile)) {
  try {
    surveys = JSON.parse(readFileSync(surveysFile, 'utf8')).surveys
    if (!Array.isArray(surveys)) throw new Error('expected { "surveys": [ … ] }')
    const problems: Problem[] = []
    parseSurveys(surveys, ['surveys'], [], problems)
    for (const problem of problems) console.warn(`${surveysFile}: ${problem.message}`)
  } catch (error) {
    console.error(`${surveysFile}: ${(error as Error).message}`)
    process.exit(2)
  }
}

const store = await createStore(database).catch((error: Error) => {
  console.error(`Cannot open the database ${database.replace(/\/\/[^@/]*@/, '//…@')}: ${error.message}`)
  process.exit(2)
})
const server = createCollector({
  store,
  root,
  allowedOrigins: (env.ALLOWED_ORIGINS ?? '').split(',').map((origin) => origin.trim()).filter(Boolean),
  rateLimit,
  dashboardToken: env.DASHBOARD_TOKEN || undefined,
  trustProxy: env.TRUST_PROXY === '1',
  trouble: demo ? createTrouble() : undefined,
  surveys
})

server.listen(port, () => {
  const at = `http://localhost:${port}`
  console.log(`sayso collector on ${at}/ (answers in ${/^postgres/.test(database) ? 'PostgreSQL' : database})`)
  console.log(`  demo storefront  ${at}/`)
  console.log(`  single-page app  ${at}/spa/`)
  console.log(`  zero-code page   ${at}/zero-code`)
  console.log(`  dashboard        ${at}/dashboard${env.DASHBOARD_TOKEN ? '?token=…' : ''}`)
  console.log(`  scores           ${at}/api/summary`)
})

// On SIGTERM or SIGINT: take no new connections, let the requests in flight finish
// (what was acknowledged is stored), then close the database and exit.
const stop = (signal: string) => {
  console.log(`${signal}: finishing the requests in flight`)
  server.close(async () => {
    await store.close()
    process.exit(0)
  })
  server.closeIdleConnections()
  setTimeout(() => {
    console.error('requests still open after 10 s; exiting')
    process.exit(1)
  }, 10_000).unref()
}
process.once('SIGTERM', () => stop('SIGTERM'))
process.once('SIGINT', () => stop('SIGINT'))
