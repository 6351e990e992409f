import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { Duplex } from 'node:stream'
import type { Logger } from 'pino'
import { StoreUnavailable } from '../store/store-unavailable'
import { BadTarget, readTarget } from './read-target'
import { json } from './reply'
import type { Target } from './route'

/** How long a client waits after a 503 while the database is away; the SDK pauses its queue that long. */
export const RETRY_AFTER_SECONDS = 5

export type Handler = (request: IncomingMessage, response: ServerResponse, target: Target) => Promise<void>

export interface ServeOptions {
  /** One line per request: method, path (never the query), status, time; never the answers' contents. */
  logger: Logger
  /** How long a client may take to send its headers, and its whole request (ms). */
  timeouts?: { headers: number; request: number }
}

/**
 * The HTTP server around a handler: limits on headers (16 KiB, else 431) and on
 * slow clients (408), the request target read once (a malformed one is a 400),
 * one log line per request, and the failures answered: 503 with Retry-After
 * while the database cannot be reached, 500 otherwise, and a reply already
 * under way is cut off so that the client sees it fail. No request's failure
 * stops the process.
 */
export const serve = (handler: Handler, { logger, timeouts = { headers: 10_000, request: 15_000 } }: ServeOptions): Server => {
  const server = createServer(
    {
      maxHeaderSize: 16 * 1024,
      headersTimeout: timeouts.headers,
      requestTimeout: timeouts.request,
      connectionsCheckingInterval: Math.min(1000, timeouts.headers / 3)
    },
    async (request, response) => {
      const started = performance.now()
      let failure: unknown
      response.once('close', () => logRequest(logger, request, response, performance.now() - started, failure))
      try {
        await handler(request, response, readTarget(request.url))
      } catch (error) {
        failure = error
        answerFailure(response, error)
      }
    }
  )
  // CONNECT is for proxies, which this is not; Node would otherwise drop the connection
  // unanswered. Node hands the connection over (paused, no longer the server's to close):
  // it is answered, then destroyed, so that it never lingers half-open.
  server.on('connect', (request: IncomingMessage, socket: Duplex) => {
    logger.info({ method: request.method, status: 405 }, 'request')
    socket.on('error', () => {})
    socket.end('HTTP/1.1 405 Method Not Allowed\r\nConnection: close\r\nContent-Length: 0\r\n\r\n', () => socket.destroy())
  })
  return server
}

const answerFailure = (response: ServerResponse, error: unknown) => {
  if (response.headersSent) return void response.destroy()
  if (error instanceof BadTarget) return json(response, 400, { error: error.message })
  if (error instanceof StoreUnavailable) {
    return json(response, 503, { error: 'the database is unreachable; try again later' }, { 'Retry-After': String(RETRY_AFTER_SECONDS) })
  }
  json(response, 500, { error: 'internal error' })
}

const logRequest = (logger: Logger, request: IncomingMessage, response: ServerResponse, ms: number, failure: unknown) => {
  // The path without its query: link surveys carry people's ids there.
  const path = (request.url ?? '').split('?')[0].slice(0, 200)
  const line = {
    method: request.method,
    path,
    status: response.statusCode,
    ms: Math.round(ms * 10) / 10,
    ...(!response.writableFinished && { aborted: true }),
    ...(failure !== undefined && { error: describeFailure(failure) })
  }
  if (failure !== undefined && !(failure instanceof BadTarget)) logger.error(line, 'request failed')
  else logger.info(line, 'request')
}

// A driver's message and code, never its detail (PostgreSQL's detail can quote the row).
const describeFailure = (failure: unknown) => {
  const error = failure instanceof StoreUnavailable ? (failure.cause as Error) : (failure as Error)
  return { name: error?.name, message: String(error?.message ?? error).slice(0, 300), code: (error as { code?: string })?.code }
}
