import { randomBytes } from 'node:crypto'
import type { Server } from 'node:http'
import { resolve } from 'node:path'
import pino from 'pino'
import type { CollectorOptions } from './create-collector'
import { createStoreWithHooks } from './hooks/create-store-with-hooks'
import { createHookWorker } from './hooks/create-hook-worker'
import { readHooks } from './hooks/read-hooks'
import { createRateLimit } from './http/create-rate-limit'
import { readSettings, readSurveys, type Settings } from './read-settings'
import { isPostgres } from './store/create-store'

export interface RunOptions {
  /** The server for these options: the collector itself, or the demo around it. */
  server: (options: CollectorOptions) => Server
  /** The lines to print once it listens (the dashboard's address, …). */
  banner: (settings: Settings, dashboard: { token: string; made: boolean }) => string[]
}

/**
 * Starts a collector process from the environment: the settings checked (exit 2
 * with one line per problem), surveys.json, the webhooks, the database, the rate
 * limit (shared through PostgreSQL when the answers are there), the hooks' worker,
 * the server; stops cleanly on SIGTERM or SIGINT.
 */
export const runCollector = async ({ server: makeServer, banner }: RunOptions) => {
  const root = resolve(import.meta.dirname, '..')
  const read = readSettings(process.env, root)
  if ('problems' in read) {
    for (const problem of read.problems) console.error(problem)
    process.exit(2)
  }
  const { settings } = read
  const logger = pino({ level: settings.logLevel })
  const surveys = readSurveys(settings.surveysFile)
  if ('problem' in surveys) {
    console.error(surveys.problem)
    process.exit(2)
  }
  for (const warning of surveys.warnings) logger.warn(warning)
  const webhooks = readHooks(settings.webhooksFile)
  if ('problems' in webhooks) {
    for (const problem of webhooks.problems) console.error(problem)
    process.exit(2)
  }

  const where = isPostgres(settings.databaseUrl) ? 'PostgreSQL' : settings.databaseUrl
  const store = await createStoreWithHooks(settings.databaseUrl, { hooks: webhooks.hooks, settleMs: settings.webhookSettleMs }, logger).catch((error: Error) => {
    console.error(`Cannot open the database ${settings.databaseUrl.replace(/\/\/[^@/]*@/, '//…@')}: ${error.message}`)
    process.exit(2)
  })
  const dashboard = settings.dashboardToken ? { token: settings.dashboardToken, made: false } : { token: randomBytes(24).toString('base64url'), made: true }
  const server = makeServer({
    store,
    root,
    dashboardToken: dashboard.token,
    allowedOrigins: settings.allowedOrigins,
    rateLimit: createRateLimit({ limit: settings.rateLimit, pool: 'pool' in store ? store.pool : undefined }),
    trustedHops: settings.trustedHops,
    surveys: surveys.surveys,
    linkSecret: settings.linkSecret,
    hooks: webhooks.hooks,
    logger
  })
  const worker = store.hooks && createHookWorker({ hooks: webhooks.hooks, ledger: store.hooks, surveys: surveys.surveys, logger })

  server.listen(settings.port, settings.host || undefined, () => {
    logger.info(`sayso collector on ${settings.publicUrl}/ (answers in ${where})`)
    for (const line of banner(settings, dashboard)) logger.info(line)
    if (!settings.linkSecret && surveys.surveys?.length) logger.warn('link surveys are not signed: set LINK_SECRET so that nobody can answer in someone else’s name')
    if (settings.allowedOrigins.includes('*')) logger.warn('ALLOWED_ORIGINS=*: any site may post answers here')
    if (webhooks.hooks.length) logger.info(`${webhooks.hooks.length} webhook(s) from ${settings.webhooksFile}`)
  })

  // On SIGTERM or SIGINT: take no new connections, let the requests in flight finish
  // (what was acknowledged is stored), stop the hooks' worker (what it had not posted
  // stays in the database for the next start), then close the database and exit.
  const stop = (signal: string) => {
    logger.info(`${signal}: finishing the requests in flight`)
    server.close(async () => {
      await worker?.close()
      await store.close()
      process.exit(0)
    })
    // A keep-alive connection goes idle when its last request is answered: close it then.
    setInterval(() => server.closeIdleConnections(), 100).unref()
    setTimeout(() => {
      logger.error('requests still open after 10 s; exiting')
      process.exit(1)
    }, 10_000).unref()
  }
  process.once('SIGTERM', () => stop('SIGTERM'))
  process.once('SIGINT', () => stop('SIGINT'))
}
