import { describe, expect, it } from 'vitest'
import { resultOf } from '../../src/transport/result-of'

const now = Date.parse('2026-11-22T19:00:00Z')

describe('what an HTTP reply means', () => {
  it.each([
    [200, null, { ok: true }],
    [202, null, { ok: true }],
    [204, null, { ok: true }],
    [503, null, { ok: false, retry: true, status: 503 }],
    [500, null, { ok: false, retry: true, status: 500 }],
    [408, null, { ok: false, retry: true, status: 408 }],
    [425, null, { ok: false, retry: true, status: 425 }],
    [429, '20', { ok: false, retry: true, status: 429, retryAfterMs: 20_000 }],
    [503, 'Sun, 22 Nov 2026 19:01:00 GMT', { ok: false, retry: true, status: 503, retryAfterMs: 60_000 }],
    [503, 'soon', { ok: false, retry: true, status: 503, retryAfterMs: 60_000 }],
    [429, '86400', { ok: false, retry: true, status: 429, retryAfterMs: 86_400_000 }],
    [400, null, { ok: false, retry: false, status: 400 }],
    [413, null, { ok: false, retry: false, status: 413 }],
    [422, '5', { ok: false, retry: false, status: 422 }],
    [401, null, { ok: false, retry: false, status: 401 }],
    [404, null, { ok: false, retry: false, status: 404 }]
  ])('%s with Retry-After %j', (status, retryAfter, result) => {
    expect(resultOf(status, retryAfter, now)).toEqual(result)
  })
})
