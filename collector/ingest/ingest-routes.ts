import { MAX_BODY_BYTES } from '../../src/wire/limits'
import { clientAddress } from '../http/client-address'
import type { RateLimit } from '../http/create-rate-limit'
import { BodyTooLarge, readBody } from '../http/read-body'
import { json } from '../http/reply'
import { exactRoutes, type Routes } from '../http/route'
import type { Store } from '../store/store'
import { createOrigins } from './create-origins'
import { validateBatch } from './validate-batch'

export interface IngestOptions {
  store: Store
  allowedOrigins: string[]
  rateLimit: RateLimit
  trustedHops: number
  /** The surveys served at `GET /surveys.json`, for `configUrl`. */
  surveys?: unknown[]
}

/**
 * Answering, public: `POST /api/answers` (open to the allowed origins, rate-limited
 * per client address), its CORS preflight, and `GET /surveys.json`.
 */
export const ingestRoutes = ({ store, allowedOrigins, rateLimit, trustedHops, surveys }: IngestOptions): Routes => {
  const origins = createOrigins(allowedOrigins)
  return exactRoutes({
    'POST /api/answers': async (request, response) => {
      const headers = origins.headers(request)
      if (!origins.allowed(request)) return json(response, 403, { error: 'origin not allowed' }, headers)
      const wait = await rateLimit.take(clientAddress(request, trustedHops))
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
      if (!check.ok) return json(response, 400, { error: 'invalid batch', errors: check.errors }, headers)
      if (check.valid.length) await store.upsert(check.valid)
      const stored = check.valid.map((answer) => answer.id)
      if (check.rejected.length) return json(response, 400, { error: 'invalid answers', stored, rejected: check.rejected }, headers)
      json(response, 200, { stored }, headers)
    },
    'OPTIONS /api/answers': (request, response) => {
      response.writeHead(origins.allowed(request) ? 204 : 403, {
        ...origins.headers(request),
        'Access-Control-Allow-Methods': 'POST',
        'Access-Control-Allow-Headers': 'Content-Type, Idempotency-Key',
        'Access-Control-Max-Age': '86400'
      })
      response.end()
    },
    // Remote survey configuration: public like ingestion, and cached for a minute.
    'GET /surveys.json': (request, response) =>
      surveys
        ? json(response, 200, { surveys }, { ...origins.headers(request), 'Cache-Control': 'public, max-age=60' })
        : json(response, 404, { error: 'this collector has no surveys.json' })
  })
}
