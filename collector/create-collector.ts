import { timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { join } from 'node:path'
import { MAX_BODY_BYTES } from '../src/wire/limits'
import { createRateLimit } from './create-rate-limit'
import type { LoggedRequest, Trouble } from './create-trouble'
import { BodyTooLarge, readBody } from './read-body'
import { decodeCursor, encodeCursor, readFilter } from './read-filter'
import { createScriptFiles } from './script-files'
import { readStatic } from './static-files'
import type { AnswerFilter, Store } from './store'
import { summarize, trend } from './summarize'
import { validateBatch } from './validate-batch'
import { writeCsv } from './write-csv'

export interface CollectorOptions {
  store: Store
  /** The project folder: pages come from `demo/`, the bundles from `dist/`, the dashboard from `build/`. */
  root: string
  /** Origins allowed to post answers besides the collector's own; `['*']` allows any. */
  allowedOrigins?: string[]
  /** Posts a minute per client address (a token bucket); 0 turns the limit off. */
  rateLimit?: number
  /** When set, the dashboard and the read APIs need it (`Authorization: Bearer …` or `?token=`). */
  dashboardToken?: string
  /** Take the client address from X-Forwarded-For (behind a proxy that sets it). */
  trustProxy?: boolean
  /** The demo's network trouble switch (`GET`/`POST /api/trouble`); absent in normal use. */
  trouble?: Trouble
  /** The surveys served at `GET /surveys.json`, for `configUrl` (read from surveys.json at start). */
  surveys?: unknown[]
  /** How long a client may take to send its headers, and its whole request (ms). */
  timeouts?: { headers: number; request: number }
}

// A page with this policy proves that sayso needs neither inline styles nor eval.
const strictCsp = "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:"

const pages: Record<string, { root: string; file: string; headers?: Record<string, string> }> = {
  '/': { root: 'demo', file: 'index.html' },
  '/zero-code': { root: 'demo', file: 'zero-code.html' },
  '/strict-csp': { root: 'demo', file: 'strict-csp.html', headers: { 'Content-Security-Policy': strictCsp } },
  '/hostile-css': { root: 'demo', file: 'hostile-css.html' },
  '/spa/': { root: 'demo', file: 'spa.html' },
  '/dashboard': { root: 'collector/dashboard', file: 'dashboard.html', headers: { 'Content-Security-Policy': strictCsp } }
}

// URL prefixes served from folders.
const folders: [string, string][] = [
  ['/dist/', 'dist'],
  ['/demo/', 'demo'],
  ['/link/', 'collector/link'],
  ['/examples/', 'build/examples'],
  ['/dashboard/app/', 'build/dashboard'],
  ['/dashboard/', 'collector/dashboard']
]

const json = (response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...headers })
  response.end(JSON.stringify(body))
}

type Route = (request: IncomingMessage, response: ServerResponse, url: URL) => Promise<void> | void

/**
 * The reference collector: ingestion (`POST /api/answers`, open to the configured
 * origins and rate-limited), the read APIs and the dashboard (behind the token when
 * one is set), the demo pages and the built bundles.
 */
export const createCollector = ({
  store,
  root,
  allowedOrigins = [],
  rateLimit = 0,
  dashboardToken,
  trustProxy = false,
  trouble,
  surveys,
  timeouts = { headers: 10_000, request: 15_000 }
}: CollectorOptions): Server => {
  const limiter = createRateLimit(rateLimit)
  const address = (request: IncomingMessage) =>
    (trustProxy && String(request.headers['x-forwarded-for'] ?? '').split(',')[0].trim()) || request.socket.remoteAddress || ''

  const originAllowed = (request: IncomingMessage) => {
    const origin = request.headers.origin
    return (
      !origin ||
      allowedOrigins.includes('*') ||
      allowedOrigins.includes(origin) ||
      origin === `http://${request.headers.host}` ||
      origin === `https://${request.headers.host}`
    )
  }
  const cors = (request: IncomingMessage): Record<string, string> =>
    request.headers.origin && originAllowed(request) ? { 'Access-Control-Allow-Origin': request.headers.origin, Vary: 'Origin' } : {}

  const authorized = (request: IncomingMessage, url: URL) => {
    if (!dashboardToken) return true
    const given = Buffer.from(request.headers.authorization?.replace(/^Bearer\s+/i, '') || url.searchParams.get('token') || '')
    const wanted = Buffer.from(dashboardToken)
    return given.length === wanted.length && timingSafeEqual(given, wanted)
  }

  const postAnswers: Route = async (request, response) => {
    const headers = cors(request)
    if (!originAllowed(request)) return json(response, 403, { error: 'origin not allowed' }, headers)
    const wait = limiter.take(address(request))
    if (wait) return json(response, 429, { error: 'too many requests' }, { ...headers, 'Retry-After': String(wait) })
    const type = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase()
    if (type !== 'application/json' && type !== 'text/plain') {
      return json(response, 415, { error: 'send JSON as application/json or text/plain' }, headers)
    }
    let body: unknown
    try {
      body = JSON.parse(await readBody(request, MAX_BODY_BYTES))
    } catch (error) {
      if (error instanceof BodyTooLarge) return json(response, 413, { error: `the body is over ${MAX_BODY_BYTES} bytes` }, headers)
      return json(response, 400, { error: `invalid JSON: ${(error as Error).message}` }, headers)
    }
    const check = validateBatch(body)
    if (trouble) {
      const entry: LoggedRequest = { ids: check.ok ? [...check.valid, ...check.rejected].map((a) => a.id ?? '') : [], start: Date.now() }
      trouble.log.push(entry)
      response.on('close', () => ((entry.end = Date.now()), (entry.status = response.statusCode)))
      const { delayMs } = trouble.get()
      if (delayMs) await new Promise((resume) => setTimeout(resume, delayMs))
      const fault = trouble.decide()
      if (fault === 'silent') return
      if (fault) return json(response, fault.status, { error: 'trouble switched on in the demo' }, { ...headers, ...fault.headers })
    }
    if (!check.ok) return json(response, 400, { error: 'invalid batch', errors: check.errors }, headers)
    if (check.valid.length) await store.upsert(check.valid)
    const stored = check.valid.map((answer) => answer.id)
    if (check.rejected.length) return json(response, 400, { error: 'invalid answers', stored, rejected: check.rejected }, headers)
    json(response, 200, { stored }, headers)
  }

  // The read APIs: each filters by survey, dates and URL.
  const read =
    (answer: (response: ServerResponse, filter: AnswerFilter, url: URL) => Promise<void>): Route =>
    async (request, response, url) => {
      if (!authorized(request, url)) return json(response, 401, { error: 'this collector needs its dashboard token' }, { 'WWW-Authenticate': 'Bearer' })
      const read = readFilter(url.searchParams)
      if ('problems' in read) return json(response, 400, { error: 'invalid filter', problems: read.problems })
      await answer(response, read.filter, url)
    }

  const routes: Record<string, Route> = {
    'POST /api/answers': postAnswers,
    'OPTIONS /api/answers': (request, response) => {
      response.writeHead(originAllowed(request) ? 204 : 403, {
        ...cors(request),
        'Access-Control-Allow-Methods': 'POST',
        'Access-Control-Allow-Headers': 'Content-Type, Idempotency-Key',
        'Access-Control-Max-Age': '86400'
      })
      response.end()
    },
    'GET /api/summary': read(async (response, filter) => json(response, 200, summarize(await store.scoreCounts(filter)))),
    'GET /api/trend': read(async (response, filter, url) => {
      const period = url.searchParams.get('period') === 'day' ? 'day' : 'week'
      json(response, 200, { period, ...trend(await store.scoreCounts(filter, period)) })
    }),
    'GET /api/answers': read(async (response, filter, url) => {
      const limit = Math.min(Math.max(Number(url.searchParams.get('limit')) || 100, 1), 1000)
      const answers = await store.answers({
        ...filter,
        limit,
        after: decodeCursor(url.searchParams.get('cursor')),
        withComment: url.searchParams.get('comments') === '1'
      })
      const last = answers.at(-1)
      json(response, 200, { answers, next: answers.length === limit && last ? encodeCursor(last) : null })
    }),
    'GET /api/answers.csv': read((response, filter) => writeCsv(response, store, filter)),
    // Remote survey configuration: public like ingestion, and cached for a minute.
    'GET /surveys.json': (request, response) =>
      surveys
        ? json(response, 200, { surveys }, { ...cors(request), 'Cache-Control': 'public, max-age=60' })
        : json(response, 404, { error: 'this collector has no surveys.json' }),
    'GET /api/trouble': (_request, response) =>
      trouble ? json(response, 200, { ...trouble.get(), requests: trouble.log.length }) : json(response, 404, { error: 'not found' }),
    'POST /api/trouble': async (request, response) => {
      if (!trouble) return json(response, 404, { error: 'not found' })
      let input: unknown
      try {
        input = JSON.parse(await readBody(request, 1024))
      } catch {
        return json(response, 400, { error: 'expected a JSON object' })
      }
      const problems = input && typeof input === 'object' ? trouble.set(input) : ['expected a JSON object']
      json(response, problems.length ? 400 : 200, problems.length ? { error: 'invalid setting', problems } : trouble.get())
    }
  }

  // A link survey: one survey of surveys.json on a page of its own, for e-mails, SMS and QR codes.
  const linkPage: Route = (_request, response, url) => {
    const id = decodeURIComponent(url.pathname.slice(3))
    const survey = surveys?.find((candidate) => (candidate as { id?: unknown }).id === id)
    if (!survey) return json(response, 404, { error: `no survey ${JSON.stringify(id)} in surveys.json` })
    // JSON in a script element the browser never runs; "<" escaped so that it cannot end the element.
    const data = JSON.stringify(survey).replace(/</g, '\\u003c')
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Security-Policy': strictCsp })
    response.end(`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <link rel="icon" href="data:," />
    <title>Your feedback</title>
    <link rel="stylesheet" href="/link/link.css" />
    <script type="application/json" id="survey">${data}</script>
    <script src="/link/link.js" defer></script>
    <script src="/sayso.js" defer></script>
  </head>
  <body>
    <main>
      <h1>Your feedback</h1>
      <p id="status" role="status">One question, a few seconds.</p>
      <noscript>This survey needs JavaScript.</noscript>
    </main>
  </body>
</html>
`)
  }

  const scriptFiles = createScriptFiles(join(root, 'dist'))
  const serveFile: Route = async (request, response, url) => {
    if (url.pathname.startsWith('/s/')) return linkPage(request, response, url)
    const script = await scriptFiles(url.pathname)
    if (script) {
      response.writeHead(200, script.headers)
      response.end(script.body)
      return
    }
    // The single-page demo answers every route of its own with the same page.
    const page = pages[url.pathname] ?? (url.pathname.startsWith('/spa/') || url.pathname === '/spa' ? pages['/spa/'] : undefined)
    if (page === pages['/dashboard'] && !authorized(request, url)) {
      return json(response, 401, { error: 'open /dashboard?token=… with the collector’s DASHBOARD_TOKEN' })
    }
    const folder = folders.find(([prefix]) => url.pathname.startsWith(prefix))
    const file = page
      ? await readStatic(join(root, page.root), page.file)
      : folder
        ? await readStatic(join(root, folder[1]), url.pathname.slice(folder[0].length).replace(/(^|\/)$/, '$1index.html'))
        : undefined
    if (!file) return json(response, 404, { error: 'not found' })
    response.writeHead(200, { 'Content-Type': file.type, 'Cache-Control': 'no-cache', ...page?.headers })
    response.end(file.body)
  }

  // A client that sends its request too slowly is cut off (408) rather than holding a connection.
  const server = createServer({
    maxHeaderSize: 16 * 1024,
    headersTimeout: timeouts.headers,
    requestTimeout: timeouts.request,
    connectionsCheckingInterval: Math.min(1000, timeouts.headers / 3)
  }, async (request, response) => {
    try {
      const url = new URL(request.url ?? '/', 'http://collector')
      const route = routes[`${request.method} ${url.pathname}`]
      if (route) return await route(request, response, url)
      if (request.method === 'GET' || request.method === 'HEAD') return await serveFile(request, response, url)
      json(response, 405, { error: 'method not allowed' })
    } catch (error) {
      console.error('[collector]', error)
      if (!response.headersSent) json(response, 500, { error: 'internal error' })
      else response.end()
    }
  })
  return server
}
