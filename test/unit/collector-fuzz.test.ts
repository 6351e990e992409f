// @vitest-environment node
import net from 'node:net'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createRateLimit } from '../../collector/http/create-rate-limit'
import { createPostgresStore } from '../../collector/store/postgres-store'
import { createSqliteStore } from '../../collector/store/sqlite-store'
import type { Store } from '../../collector/store/store'
import { makeAnswer } from './helpers'
import { startCollector, TOKEN } from './running-collector'
import { heapMB } from './measure-heap'

// Bad input of every kind — request lines, paths, queries, headers, bodies, framing — made by
// fast-check and sent as raw bytes to the real collector: never a 5xx, never a hang, never a
// crash (an uncaught exception would fail this file), and memory that stays put.
// FUZZ_RUNS sets the number of requests (300 by default, to keep the suite quick).
const runs = Number(process.env.FUZZ_RUNS ?? 300)
const postgres = process.env.SAYSO_TEST_POSTGRES


const SECRET = 'fuzz-link-secret-0123456789'
const surveys = [
  { id: 'nps-checkout', type: 'nps' },
  { id: 'csat-delivery', type: 'csat' }
]

// Text of every kind: ASCII, any code point (lone surrogates too), control characters, NULs.
const anyText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('', '\u0000', 'a\u0000b', '\ud800', '%', '%zz', '%E0%A4%A', '../..', '..%2f..%2f', '*', '\r\n', '<script>', '=1+1', '-1', 'null', '9'.repeat(400), 'x'.repeat(5000))
)

// Percent-encoded, so that it fits in a request line; a part of it left raw or broken.
const encoded = (text: string, mangle: number) => {
  const escaped = [...Buffer.from(text)].map((byte) => (/[\w.~-]/.test(String.fromCharCode(byte)) ? String.fromCharCode(byte) : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`)).join('')
  return mangle === 0 ? escaped : mangle === 1 ? escaped.replace(/%([0-9A-F])[0-9A-F]/, '%$1') : escaped + '%'
}

const knownPaths = ['/api/answers', '/api/summary', '/api/trend', '/api/answers.csv', '/s/nps-checkout', '/s/', '/dashboard', '/dashboard/app/dashboard.js', '/sayso.js', '/sayso.js.map', '/surveys.json', '/healthz', '/readyz', '/link/link.js', '/', '/api/trouble']

const path = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...knownPaths) },
  fc.tuple(fc.constantFrom(...knownPaths), anyText, fc.integer({ min: 0, max: 2 })).map(([known, tail, mangle]) => `${known}${known.endsWith('/') ? '' : '/'}${encoded(tail, mangle)}`),
  fc.constantFrom('*', '//api/summary', 'http://evil.example/api/summary', 'api/summary', '/%00', '/%', '/s/%E0%A4%A', '/dashboard/app/%2e%2e/%2e%2e/package.json', '/' + 'a/'.repeat(3000))
)

const queryKeys = ['survey', 'from', 'to', 'url', 'period', 'limit', 'cursor', 'comments', 'token', 't', 'u', 'sig', 'score', 'locale']
const queryValue = fc.oneof(
  anyText,
  fc.constantFrom('2026-11-22', '2026-11-22T10:00:00Z', '+275760-09-13', '0000-01-01', '9999-12-31', '-1', '1e400', 'NaN', '2.5', 'day', 'week', '1', TOKEN),
  fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
  fc.tuple(anyText, anyText).map(([a, b]) => Buffer.from(JSON.stringify([a, b])).toString('base64url'))
)
const query = fc
  .array(fc.tuple(fc.oneof(fc.constantFrom(...queryKeys), anyText), queryValue, fc.integer({ min: 0, max: 4 })), { maxLength: 5 })
  .map((pairs) => (pairs.length ? '?' + pairs.map(([key, value, mangle]) => `${encoded(key, mangle > 2 ? 0 : mangle)}=${encoded(value, mangle > 2 ? 0 : mangle)}`).join('&') : ''))

// An answer whose every field may be of the wrong kind, out of range, or missing.
const field = <T>(good: fc.Arbitrary<T>) => fc.oneof({ weight: 4, arbitrary: good }, fc.anything({ maxDepth: 2 }), anyText)
const answer = fc.record(
  {
    id: field(fc.uuid()),
    surveyId: field(fc.constantFrom('nps-checkout', 'fuzz')),
    type: field(fc.constantFrom('nps', 'csat', 'ces')),
    score: field(fc.integer({ min: -2, max: 12 })),
    comment: field(anyText),
    complete: field(fc.boolean()),
    createdAt: field(fc.oneof(fc.date({ min: new Date('0001-01-01'), max: new Date('9999-12-31'), noInvalidDate: true }).map((date) => date.toISOString()), fc.constantFrom('0000-01-01T00:00:00Z', '2026-11-22T19:00:00.000Z'))),
    url: field(anyText),
    locale: field(fc.constantFrom('en', 'pl', 'x'.repeat(40))),
    visitorId: field(fc.uuid()),
    userId: field(anyText),
    attributes: field(fc.dictionary(anyText, fc.oneof(anyText, fc.double(), fc.boolean(), fc.constant(null), fc.anything({ maxDepth: 2 })), { maxKeys: 5 })),
    sdk: field(fc.constantFrom('sayso@0.1.0'))
  },
  { requiredKeys: [] }
)
const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth)
const body = fc.oneof(
  fc.constant(Buffer.alloc(0)),
  fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes)),
  fc.jsonValue({ maxDepth: 3 }).map((value) => Buffer.from(JSON.stringify(value) ?? 'null')),
  { weight: 4, arbitrary: fc.array(answer, { maxLength: 22 }).map((answers) => Buffer.from(JSON.stringify({ answers }))) },
  fc.array(fc.constant(0), { maxLength: 3 }).map(() => Buffer.from(JSON.stringify({ answers: [makeAnswer({ surveyId: 'fuzz' })] }))),
  fc.constantFrom(
    Buffer.from(`{"answers":${nested(50_000)}}`),
    Buffer.from(`{"__proto__":{"admin":true},"answers":[{"__proto__":{"id":"x"}}]}`),
    Buffer.from(`{"answers":[${JSON.stringify({ ...makeAnswer(), comment: 'x'.repeat(70_000) })}]}`),
    Buffer.from('{"answers": ['),
    Buffer.from([0xff, 0xfe, 0x00, 0x7b])
  )
)

const headerName = fc.oneof(fc.constantFrom('Content-Type', 'Authorization', 'Origin', 'X-Forwarded-For', 'Idempotency-Key', 'Accept', 'Cookie', 'Range', 'Expect'), fc.stringMatching(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,20}$/))
const headerValue = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('application/json', 'text/plain;charset=UTF-8', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', `Bearer ${TOKEN}`, 'Bearer ', 'Basic YTpi', 'https://shop.example', 'null', '1.2.3.4, 5.6.7.8', 'unknown, ::1', '100-continue', 'bytes=0-1') },
  { weight: 6, arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 60 }) },
  { weight: 6, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.constant('x'.repeat(20_000)) }
)

const framing = fc.constantFrom('length', 'length', 'length', 'chunked', 'bad-chunked', 'none')
const method = fc.oneof({ weight: 6, arbitrary: fc.constantFrom('GET', 'POST', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'PATCH') }, fc.stringMatching(/^[A-Z]{1,10}$/), fc.constantFrom('G ET', 'GET\u0000', 'CONNECT'))
const headers = fc.array(fc.tuple(headerName, headerValue), { maxLength: 4 })
const withToken = (extra: [string, string][]) => [['Authorization', `Bearer ${TOKEN}`] as [string, string], ...extra]
const contentType = fc.oneof({ weight: 5, arbitrary: fc.constantFrom('application/json', 'text/plain;charset=UTF-8', 'APPLICATION/JSON; charset=x') }, headerValue)

// Most requests get past the first checks (the route, the method, the token, the content
// type), so that what lies behind them is fuzzed too; the rest are anything at all.
const request = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({ method: fc.constant('POST'), path: fc.constant('/api/answers'), query, headers: fc.tuple(contentType, headers).map(([type, more]) => [['Content-Type', type] as [string, string], ...more]), body, framing })
  },
  {
    weight: 3,
    arbitrary: fc.record({ method: fc.constantFrom('GET', 'HEAD'), path: fc.constantFrom('/api/summary', '/api/trend', '/api/answers', '/api/answers.csv'), query, headers: headers.map(withToken), body: fc.constant(Buffer.alloc(0)), framing: fc.constant('none') })
  },
  {
    weight: 1,
    arbitrary: fc.record({ method: fc.constant('GET'), path: fc.tuple(anyText, fc.integer({ min: 0, max: 2 })).map(([id, mangle]) => `/s/${encoded(id, mangle)}`), query, headers, body: fc.constant(Buffer.alloc(0)), framing: fc.constant('none') })
  },
  { weight: 2, arbitrary: fc.record({ method, path, query, headers, body, framing }) }
)
type FuzzRequest = typeof request extends fc.Arbitrary<infer T> ? T : never

// The request as bytes on the wire, in its framing; headers that cannot be written in UTF-8 as latin1 go as UTF-8 bytes.
const bytesOf = ({ method, path, query, headers, body, framing }: FuzzRequest): Buffer => {
  const lines = [`${method} ${path}${query} HTTP/1.1`, 'Host: collector.test', 'Connection: close', ...headers.map(([name, value]) => `${name}: ${value}`)]
  if (framing === 'length') lines.push(`Content-Length: ${body.length}`)
  if (framing === 'chunked' || framing === 'bad-chunked') lines.push('Transfer-Encoding: chunked')
  const head = Buffer.from(lines.join('\r\n') + '\r\n\r\n')
  if (framing === 'chunked') return Buffer.concat([head, Buffer.from(`${body.length.toString(16)}\r\n`), body, Buffer.from('\r\n0\r\n\r\n')])
  if (framing === 'bad-chunked') return Buffer.concat([head, Buffer.from('zz\r\n'), body, Buffer.from('\r\n')])
  return framing === 'none' ? head : Buffer.concat([head, body])
}

/** The status the collector answers with, or `hang` when it says nothing in 5 s. */
const send = (port: number, bytes: Buffer) =>
  new Promise<number | 'closed' | 'hang'>((done) => {
    const socket = net.connect(port, '127.0.0.1')
    let reply = ''
    const finish = (status: number | 'closed' | 'hang') => {
      clearTimeout(timer)
      socket.destroy()
      done(status)
    }
    const timer = setTimeout(() => finish('hang'), 5000)
    socket.on('error', () => {})
    socket.on('data', (chunk) => {
      reply += chunk.toString('latin1')
      const status = /^HTTP\/1\.1 (\d{3})/.exec(reply)
      if (status) finish(Number(status[1]))
    })
    socket.on('close', () => finish('closed'))
    // Written, not ended: a client that half-closes its side gets its connection closed by Node before a slow reply.
    socket.write(bytes)
  })

const stores: [string, () => Promise<Store>][] = [['SQLite', async () => createSqliteStore(':memory:')]]
if (postgres) stores.push(['PostgreSQL', () => createPostgresStore(postgres, { schema: `sayso_fuzz_${process.pid}_${Date.now()}` })])

describe.each(stores)('bad input against the collector on %s', (_, open) => {
  it(`never answers 5xx, never hangs, never crashes, and keeps its memory (${runs} requests)`, async () => {
    const store = await open()
    const collector = await startCollector({ store, surveys, linkSecret: SECRET, trustedHops: 1, allowedOrigins: ['https://shop.example'], rateLimit: createRateLimit({ limit: 1_000_000 }) })
    const port = Number(new URL(collector.at).port)
    const statuses = new Map<number | string, number>()
    // A first round warms up what is made once (the script files' manifest, prepared statements).
    for (let i = 0; i < 50; i++) await send(port, bytesOf(fc.sample(request, { numRuns: 1, seed: i })[0]))
    const before = heapMB()
    await fc.assert(
      fc.asyncProperty(request, async (fuzzed) => {
        const status = await send(port, bytesOf(fuzzed))
        statuses.set(status, (statuses.get(status) ?? 0) + 1)
        // Node closes a connection whose request it cannot parse at all; that is an answer too.
        expect(status === 'hang' || (typeof status === 'number' && status >= 500)).toBe(false)
      }),
      { numRuns: runs }
    )
    const grown = heapMB() - before
    console.log(`fuzz ${_}: ${runs} requests, statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}, heap ${grown >= 0 ? '+' : ''}${grown.toFixed(1)} MB`)
    expect(grown).toBeLessThan(32)
    expect((await fetch(`${collector.at}/healthz`)).status).toBe(200)
    expect((await collector.post({ answers: [makeAnswer()] })).status).toBe(200)
    // No connection is left hanging: the server closes at once (a CONNECT once lingered half-open).
    const closed = await Promise.race([collector.close().then(() => 'closed'), new Promise((resume) => setTimeout(() => resume('still open after 5 s'), 5000))])
    expect(closed).toBe('closed')
    await store.close()
  }, Math.max(120_000, runs * 100))
})
