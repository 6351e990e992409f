import { existsSync, readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { checkSurveysFile } from '../src/schema/check-surveys-file'

/** The collector's settings, all from the environment (README, "Running it in production"). */
export interface Settings {
  port: number
  /** The interface to listen on; every one when empty. */
  host: string
  databaseUrl: string
  allowedOrigins: string[]
  rateLimit: number
  trustedHops: number
  /** Absent: the collector makes one at start and prints the dashboard's address with it. */
  dashboardToken?: string
  linkSecret?: string
  surveysFile: string
  /** The webhooks (collector/hooks/read-hooks.ts); none when the file is missing. */
  webhooksFile: string
  /** How long after its score an answer waits for its comment before its hooks are posted. */
  webhookSettleMs: number
  /** Where people reach the collector, for the addresses it prints. */
  publicUrl: string
  logLevel: string
}

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']

/**
 * Reads and checks the settings; one message per problem, naming the variable.
 * `root` is the project folder (where surveys.json is by default).
 */
export const readSettings = (env: NodeJS.ProcessEnv, root: string): { settings: Settings } | { problems: string[] } => {
  const problems: string[] = []
  const whole = (name: string, fallback: number, max: number, what: string) => {
    const text = env[name]?.trim()
    if (!text) return fallback
    const value = Number(text)
    if (/^\d+$/.test(text) && value <= max) return value
    problems.push(`${name}: expected ${what}, got ${JSON.stringify(text)}`)
    return fallback
  }
  const secret = (name: string) => {
    const value = env[name] || undefined
    if (value !== undefined && value.length < 16) problems.push(`${name}: expected at least 16 characters (a long random string), got ${value.length}`)
    return value
  }
  const port = whole('PORT', 8787, 65_535, 'a port number')
  const publicUrl = (env.PUBLIC_URL || `http://localhost:${port}`).replace(/\/+$/, '')
  if (!/^https?:\/\/[^/]+/.test(publicUrl)) problems.push(`PUBLIC_URL: expected an address such as https://feedback.example.com, got ${JSON.stringify(publicUrl)}`)
  const logLevel = env.LOG_LEVEL || 'info'
  if (!logLevels.includes(logLevel)) problems.push(`LOG_LEVEL: expected one of ${logLevels.join(', ')}, got ${JSON.stringify(logLevel)}`)
  const surveysFile = resolve(env.SURVEYS_FILE ?? resolve(root, 'surveys.json'))
  const settings: Settings = {
    port,
    host: env.HOST ?? '',
    databaseUrl: env.DATABASE_URL || 'data/sayso.db',
    allowedOrigins: (env.ALLOWED_ORIGINS ?? '')
      .split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
    rateLimit: whole('RATE_LIMIT', 120, 1_000_000, 'whole requests a minute per client address (0 for none)'),
    trustedHops: whole('TRUST_PROXY', 0, 10, 'the number of proxies in front of the collector (0–10)'),
    dashboardToken: secret('DASHBOARD_TOKEN'),
    linkSecret: secret('LINK_SECRET'),
    surveysFile,
    webhooksFile: resolve(env.WEBHOOKS_FILE || resolve(dirname(surveysFile), 'webhooks.json')),
    webhookSettleMs: whole('WEBHOOK_SETTLE_MS', 60_000, 86_400_000, 'milliseconds (at most a day)'),
    publicUrl,
    logLevel
  }
  return problems.length ? { problems } : { settings }
}

/**
 * The surveys of surveys.json (served at /surveys.json and as link surveys), checked with the
 * schema of record (src/schema/, the one the browser and editors use): `warnings` are the
 * problems a browser would report too, and a survey with any problem is left out, as the
 * browser would leave it out. No file: no surveys. A file that is no JSON, or whose root or
 * list is wrong, is a `problem`.
 */
export const readSurveys = (file: string): { surveys?: unknown[]; warnings: string[] } | { problem: string } => {
  if (!existsSync(file)) return { warnings: [] }
  let json: unknown
  try {
    json = JSON.parse(readFileSync(file, 'utf8'))
  } catch (error) {
    return { problem: `${file}: ${(error as Error).message}` }
  }
  const { surveys, problems } = checkSurveysFile(json)
  const ofFile = problems.find((problem) => problem.path == '(root)' || problem.path == 'surveys')
  if (ofFile) return { problem: `${file}: ${ofFile.message}` }
  return { surveys, warnings: problems.map((problem) => `${file}: ${problem.message}`) }
}
