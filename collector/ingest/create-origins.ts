import type { IncomingMessage } from 'node:http'

/**
 * Which pages may post answers (CORS): the collector's own, the configured
 * origins, or any with `*`. A request without `Origin` (a server, curl) is allowed.
 */
export const createOrigins = (allowedOrigins: string[]) => {
  const allowed = (request: IncomingMessage) => {
    const origin = request.headers.origin
    return (
      !origin ||
      allowedOrigins.includes('*') ||
      allowedOrigins.includes(origin) ||
      origin === `http://${request.headers.host}` ||
      origin === `https://${request.headers.host}`
    )
  }
  return {
    allowed,
    /** The CORS headers for a reply to this request. */
    headers: (request: IncomingMessage): Record<string, string> =>
      request.headers.origin && allowed(request) ? { 'Access-Control-Allow-Origin': request.headers.origin, Vary: 'Origin' } : {}
  }
}
