// The bench's own web server on loopback: every candidate's files from memory, compressed as a
// CDN would (brotli, quality 11), so that all of them are served the same way and only the
// bytes differ. It also stands in for the services the peers talk to (PostHog's API, Sentry's
// envelope endpoint) and for sayso's collector, answering at once. With `http2`, it speaks
// HTTP/2 over TLS as a CDN would, with a certificate made for the run (the browser is told to
// accept it).
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { createSecureServer, type Http2ServerRequest, type Http2ServerResponse, type ServerHttp2Session } from 'node:http2'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { extname, join } from 'node:path'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8'
}

interface Served {
  type: string
  raw: Buffer
  brotli: Buffer
  gzip: Buffer
}

const compressed = (type: string, raw: Buffer): Served => ({
  type,
  raw,
  brotli: brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length } }),
  gzip: gzipSync(raw, { level: 9 })
})

type Request = IncomingMessage | Http2ServerRequest
type Response = ServerResponse | Http2ServerResponse

/** A request the server answers itself: the peers' services, sayso's collector. */
export type Handler = (request: Request, url: URL) => { type: string; body: string; status?: number } | undefined

export interface BenchServerOptions {
  /** HTTP/2 over TLS (https://), instead of HTTP/1.1. */
  http2?: boolean
}

/** A key and a self-signed certificate for 127.0.0.1, made with openssl for this run only. */
const certificate = () => {
  const folder = mkdtempSync(join(tmpdir(), 'sayso-bench-tls-'))
  try {
    const [key, cert] = [join(folder, 'key.pem'), join(folder, 'cert.pem')]
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-subj', '/CN=127.0.0.1', '-days', '1'], { stdio: 'ignore' })
    return { key: readFileSync(key), cert: readFileSync(cert) }
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
}

export interface BenchServer {
  base: string
  /** Serves a file from disk under a URL path (read and compressed once). */
  file(path: string, from: string): void
  /** Serves a page made per request from its query. */
  page(path: string, make: (url: URL) => string): void
  handle(handler: Handler): void
  /** The brotli size of what is served under a path (0 for what is not a file). */
  brotliSize(path: string): number
  close(): Promise<void>
}

export const startBenchServer = async ({ http2 = false }: BenchServerOptions = {}): Promise<BenchServer> => {
  const files = new Map<string, Served>()
  const pages = new Map<string, (url: URL) => string>()
  const handlers: Handler[] = []

  const send = (request: Request, response: Response, served: Served, cache: string) => {
    const accepts = String(request.headers['accept-encoding'] ?? '')
    const [encoding, body] = accepts.includes('br') ? ['br', served.brotli] : accepts.includes('gzip') ? ['gzip', served.gzip] : ['identity', served.raw]
    response.writeHead(200, {
      'Content-Type': served.type,
      'Content-Encoding': encoding,
      'Content-Length': body.length,
      'Cache-Control': cache,
      'Access-Control-Allow-Origin': '*'
    })
    response.end(body)
  }

  const answer = (request: Request, response: Response) => {
    const url = new URL(request.url ?? '/', 'http://bench')
    // Bodies are read to the end, so that a sender's keep-alive connection stays usable.
    request.resume()
    const file = files.get(url.pathname)
    if (file) return send(request, response, file, 'public, max-age=31536000, immutable')
    const page = pages.get(url.pathname)
    if (page) return send(request, response, compressed(types['.html'], Buffer.from(page(url))), 'no-store')
    for (const handler of handlers) {
      const answer = handler(request, url)
      if (!answer) continue
      response.writeHead(answer.status ?? 200, { 'Content-Type': answer.type, 'Cache-Control': 'no-store', 'Access-Control-Allow-Origin': '*' })
      return response.end(answer.body)
    }
    response.writeHead(404, { 'Content-Type': 'text/plain' })
    response.end(`not in the bench: ${url.pathname}`)
  }
  const sessions = new Set<ServerHttp2Session>()
  const server = http2 ? createSecureServer({ ...certificate(), allowHTTP1: true }, answer) : createServer(answer)
  if ('keepAliveTimeout' in server) server.keepAliveTimeout = 60_000
  server.on('session', (session: ServerHttp2Session) => {
    sessions.add(session)
    session.on('close', () => sessions.delete(session))
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))

  return {
    base: `${http2 ? 'https' : 'http'}://127.0.0.1:${(server.address() as AddressInfo).port}`,
    file(path, from) {
      files.set(path, compressed(types[extname(from)] ?? 'application/octet-stream', readFileSync(from)))
    },
    page: (path, make) => void pages.set(path, make),
    handle: (handler) => void handlers.push(handler),
    brotliSize: (path) => files.get(path)?.brotli.length ?? 0,
    close: () =>
      new Promise((done) => {
        for (const session of sessions) session.destroy()
        if ('closeAllConnections' in server) server.closeAllConnections()
        server.close(() => done())
      })
  }
}
