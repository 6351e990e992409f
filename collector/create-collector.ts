import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { join } from 'node:path'
import { MAX_BODY_BYTES } from '../src/transport/wire-limits'
import { BodyTooLarge, readBody } from './read-body'
import { readStatic } from './static-files'
import type { Store } from './store'
import type { LoggedRequest, Trouble } from './create-trouble'
import { summarize } from './summarize'
import { validateBatch } from './validate-batch'

export interface CollectorOptions {
  store: Store
  /** The project folder: pages come from `demo/`, the bundles from `dist/`. */
  root: string
  /** Origins allowed to post answers besides the collector's own; `['*']` allows any. */
  allowedOrigins?: string[]
  /** The demo's network trouble switch (`GET`/`POST /api/trouble`); absent in normal use. */
  trouble?: Trouble
}

// A page with this policy proves that sayso needs neither inline styles nor eval.
const strictCsp = "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:"

const pages: Record<string, { file: string; headers?: Record<string, string> }> = {
  '/': { file: 'index.html' },
  '/zero-code': { file: 'zero-code.html' },
  '/strict-csp': { file: 'strict-csp.html', headers: { 'Content-Security-Policy': strictCsp } },
  '/hostile-css': { file: 'hostile-css.html' },
  '/spa/': { file: 'spa.html' }
}

const json = (response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...headers })
  response.end(JSON.stringify(body))
}

/**
 * The reference collector: `POST /api/answers`, `GET /api/summary`,
 * `GET /api/answers`, the demo pages and the built bundles.
 */
export const createCollector = ({ store, root, allowedOrigins = [], trouble }: CollectorOptions): Server => {
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
    request.headers.origin && originAllowed(request)
      ? { 'Access-Control-Allow-Origin': request.headers.origin, Vary: 'Origin' }
      : {}

  const postAnswers = async (request: IncomingMessage, response: ServerResponse) => {
    const headers = cors(request)
    if (!originAllowed(request)) return json(response, 403, { error: 'origin not allowed' }, headers)
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
      if (delayMs) await new Promise((wait) => setTimeout(wait, delayMs))
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

  const routes: Record<string, (request: IncomingMessage, response: ServerResponse, url: URL) => Promise<void> | void> = {
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
    },
    'GET /api/summary': async (_request, response) => json(response, 200, summarize(await store.scoreCounts())),
    'GET /api/answers': async (_request, response, url) => {
      const limit = Math.min(Math.max(Number(url.searchParams.get('limit')) || 100, 1), 1000)
      json(response, 200, { answers: await store.answers({ limit }) })
    }
  }

  const serveFile = async (response: ServerResponse, url: URL) => {
    // The single-page demo answers every route of its own with the same page.
    const page = pages[url.pathname] ?? (url.pathname.startsWith('/spa/') || url.pathname === '/spa' ? pages['/spa/'] : undefined)
    const file = page
      ? await readStatic(join(root, 'demo'), page.file)
      : url.pathname === '/sayso.js'
        ? await readStatic(join(root, 'dist'), 'sayso.js')
        : url.pathname.startsWith('/i18n/')
          ? await readStatic(join(root, 'dist/i18n'), url.pathname.slice(6))
        : url.pathname.startsWith('/dist/')
          ? await readStatic(join(root, 'dist'), url.pathname.slice(6))
          : url.pathname.startsWith('/demo/')
            ? await readStatic(join(root, 'demo'), url.pathname.slice(6))
            : undefined
    if (!file) return json(response, 404, { error: 'not found' })
    response.writeHead(200, { 'Content-Type': file.type, 'Cache-Control': 'no-cache', ...page?.headers })
    response.end(file.body)
  }

  return createServer(async (request, response) => {
    try {
      const url = new URL(request.url ?? '/', 'http://collector')
      const route = routes[`${request.method} ${url.pathname}`]
      if (route) return await route(request, response, url)
      if (request.method === 'GET' || request.method === 'HEAD') return await serveFile(response, url)
      json(response, 405, { error: 'method not allowed' })
    } catch (error) {
      console.error('[collector]', error)
      if (!response.headersSent) json(response, 500, { error: 'internal error' })
      else response.end()
    }
  })
}
