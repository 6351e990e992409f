import { readFileSync } from 'node:fs'
import { createServer, request as forward, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach } from 'vitest'
import type { StoredAnswer } from '../../collector/store/store'
import { builds, startCollector } from './harness'

// The site the browsers visit: a small server in front of the real collector. It passes every
// request on, and adds what a test needs that no driver gives in all three engines — its own
// pages, parts that fail, an endpoint cut off, a log of what the browser asked for and of what
// the endpoint answered — and a script first in every page that records what reaches the
// page's own error handlers (WebKit's driver can read no console).

/** How a request can be made to fail. */
export type Failure =
  /** Answered 404. */
  | 404
  /** Served, but without `Access-Control-Allow-Origin`, as a CDN that forgot it would. */
  | 'no-cors'
  /** The connection is closed before any reply, like an endpoint that is down. */
  | 'reset'

/** One `POST /api/answers` as the site passed it to the collector, and what came back. */
export interface Delivery {
  /** The answers' ids: the records with a score. */
  ids: string[]
  /** The displays' ids (a survey shown: a record without a score), which an answer shares. */
  displays: string[]
  /** The answers (records with a score) it carried, as the browser sent them. */
  answers: Record<string, unknown>[]
  start: number
  /** The collector's reply; undefined when there was none (cut off, or the browser left first). */
  status?: number
}

const recorder = readFileSync(join(import.meta.dirname, 'pages/page-errors.js'))
const recorderTag = '<script src="/_test/page-errors.js"></script>'
// First in <head>, before any script of the page (the strict-CSP pages allow 'self').
const withRecorder = (html: string) => html.replace(/<head[^>]*>/i, (head) => `${head}${recorderTag}`)

// A page of the site without sayso: somewhere to leave to, or to prepare storage on.
const blank = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Blank</title></head><body><p>Nothing here.</p></body></html>'

const answersIn = (body: Buffer): Record<string, unknown>[] => {
  try {
    const answers = JSON.parse(body.toString('utf8')).answers
    return Array.isArray(answers) ? answers : []
  } catch {
    return []
  }
}

const readAll = (request: IncomingMessage) =>
  new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => resolve(Buffer.concat(chunks)))
    request.on('error', reject)
  })

export const startSite = async () => {
  const collector = await startCollector()
  const collectorPort = Number(new URL(collector.base).port)
  const pages = new Map<string, { body: string; headers: Record<string, string> }>()
  let failures: [RegExp, Failure][] = []
  let build: (typeof builds)[number] = 'sayso.js'
  /** Every request a browser made, in order: `GET /sayso.ui.1a2b3c4d.js`. */
  const requests: { method: string; path: string; host: string }[] = []
  const deliveries: Delivery[] = []

  const sendHtml = (response: ServerResponse, status: number, html: string, headers: Record<string, string | string[] | undefined>) => {
    const body = Buffer.from(withRecorder(html))
    const { 'transfer-encoding': _chunked, ...rest } = headers
    response.writeHead(status, { ...rest, 'content-length': String(body.length) })
    response.end(body)
  }

  const pass = (request: IncomingMessage, response: ServerResponse, path: string, body: Buffer, failure?: Failure, delivery?: Delivery) => {
    const upstream = forward({ host: '127.0.0.1', port: collectorPort, method: request.method, path, headers: request.headers }, (reply) => {
      if (delivery) delivery.status = reply.statusCode
      const headers = { ...reply.headers }
      if (failure === 'no-cors') delete headers['access-control-allow-origin']
      if (!String(headers['content-type']).startsWith('text/html')) {
        response.writeHead(reply.statusCode!, headers)
        reply.pipe(response)
        return
      }
      readAll(reply).then((html) => sendHtml(response, reply.statusCode!, html.toString('utf8'), headers), () => response.destroy())
    })
    upstream.on('error', () => response.destroy())
    // The browser gave up (a reload, a closed tab): so does the request to the collector.
    response.on('close', () => upstream.destroy())
    upstream.end(body)
  }

  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://site')
    requests.push({ method: request.method ?? 'GET', path: url.pathname, host: request.headers.host ?? '' })
    const body = await readAll(request)
    const failure = failures.find(([pattern]) => pattern.test(url.pathname))?.[1]
    if (failure === 'reset') return request.socket.destroy()
    if (failure === 404) {
      response.writeHead(404, { 'content-type': 'text/plain', 'access-control-allow-origin': '*' })
      return response.end('not here')
    }
    if (url.pathname === '/_test/page-errors.js') {
      response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' })
      return response.end(recorder)
    }
    if (url.pathname === '/_test/blank') return sendHtml(response, 200, blank, { 'content-type': 'text/html; charset=utf-8' })
    const page = pages.get(url.pathname)
    if (page?.headers['content-type'].startsWith('text/html')) return sendHtml(response, 200, page.body, page.headers)
    if (page) {
      response.writeHead(200, page.headers)
      return response.end(page.body)
    }
    let delivery: Delivery | undefined
    if (request.method === 'POST' && url.pathname === '/api/answers') {
      // A display is a record without a score: kept apart, so that a test counts answers.
      const records = answersIn(body)
      const answers = records.filter((record) => record?.score !== undefined)
      const displays = records.filter((record) => record?.score === undefined).map((record) => String(record?.id))
      deliveries.push((delivery = { ids: answers.map((answer) => String(answer?.id)), displays, answers, start: Date.now() }))
    }
    const path = url.pathname === '/sayso.js' ? `/${build}${url.search}` : request.url!
    pass(request, response, path, body, failure, delivery)
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  const { port } = server.address() as AddressInfo

  return {
    /** The site's origin. */
    base: `http://127.0.0.1:${port}`,
    /** A page of the site without sayso. */
    blank: `http://127.0.0.1:${port}/_test/blank`,
    /** The same site under another origin (another host name), for cross-origin loads. */
    otherOrigin: `http://localhost:${port}`,
    /** The real collector, reached directly (another origin than the site's). */
    collector,
    /** The collector under a host name of its own, as a CDN serving sayso's files would be. */
    cdn: `http://localhost:${collectorPort}`,
    requests,
    deliveries,
    /** Serves a page of the test's own at `path` (HTML unless `headers` give another content-type); returns its address. */
    serve(path: string, body: string, headers: Record<string, string> = {}) {
      pages.set(path, { body, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...headers } })
      return `http://127.0.0.1:${port}${path}`
    },
    /** Makes requests whose path matches fail, until `reset()` or the function it returns. */
    fail(pattern: RegExp, how: Failure) {
      const failure: [RegExp, Failure] = [pattern, how]
      failures.push(failure)
      return () => void (failures = failures.filter((one) => one !== failure))
    },
    /** Serves this build wherever a page asks for /sayso.js. */
    useBuild(name: (typeof builds)[number]) {
      build = name
    },
    /** How many requests carried an answer (since `mark`), and how many of them got a 2xx reply. */
    deliveriesOf(id: string, mark = { deliveries: 0 }) {
      const carrying = deliveries.slice(mark.deliveries).filter((delivery) => delivery.ids.includes(id))
      return { requests: carrying.length, accepted: carrying.filter((delivery) => delivery.status! >= 200 && delivery.status! < 300).length }
    },
    /** The parts and languages requested (by name: `ui`, `outbox`, `remote`, `i18n/fr`), from `since` on. */
    partsRequested(since = 0) {
      return requests
        .slice(since)
        .map((one) => /\/(sayso\.(\w+)|i18n\/(\w+))\.[0-9a-f]{8}\.js$/.exec(one.path))
        .filter((match) => !!match)
        .map((match) => match[2] ?? `i18n/${match[3]}`)
    },
    /** The answers posted since `mark`, once `until` is happy with them (or after `timeoutMs`), as the browser sent them. */
    async postedSince(mark: { deliveries: number }, until: (answers: Record<string, unknown>[]) => boolean, timeoutMs = 5000) {
      const posted = () => deliveries.slice(mark.deliveries).flatMap((delivery) => delivery.answers)
      const deadline = Date.now() + timeoutMs
      while (!until(posted()) && Date.now() < deadline) await new Promise((wait) => setTimeout(wait, 50))
      return posted()
    },
    /** What is there now, so that a test can look at what came after. */
    async mark() {
      const rows = await collector.store.answers({ limit: 100_000 })
      return { ids: new Set(rows.map((row) => row.id)), requests: requests.length, deliveries: deliveries.length }
    },
    /**
     * The rows stored since `mark`, once `until` is happy with them (or after `timeoutMs`):
     * a test compares them, in number and content, with the answers it gave.
     */
    async rowsSince(mark: { ids: Set<string> }, until: (rows: StoredAnswer[]) => boolean = (rows) => rows.length > 0, timeoutMs = 5000) {
      const fresh = (rows: StoredAnswer[]) => rows.filter((row) => !mark.ids.has(row.id))
      return fresh(await collector.rows((rows) => until(fresh(rows)), timeoutMs))
    },
    reset() {
      failures = []
      build = 'sayso.js'
      collector.trouble.set({ mode: 'none', delayMs: 0 })
    },
    async close() {
      server.closeAllConnections()
      await new Promise((done) => server.close(done))
      await collector.close()
    }
  }
}

export type Site = Awaited<ReturnType<typeof startSite>>

/** For a test file: the site and its collector, started before its tests and reset before each. */
export const useSite = () => {
  const holder = {} as { site: Site }
  beforeAll(async () => {
    holder.site = await startSite()
  })
  beforeEach(() => holder.site.reset())
  afterAll(() => holder.site?.close())
  return holder
}
