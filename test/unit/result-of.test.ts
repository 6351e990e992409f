import { afterEach, describe, expect, it, vi } from 'vitest'
import { fetchTransport } from '../../src/transport/fetch-transport'
import { resultOf } from '../../src/transport/result-of'
import { makeAnswer } from './helpers'

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

describe('the fetch transport', () => {
  const answers = [makeAnswer(), makeAnswer()]
  const replying = (response: Response) => vi.fn(async () => response)
  afterEach(() => vi.unstubAllGlobals())

  it.each([
    ['the ids a refusal names', 400, { stored: [answers[1].id], rejected: [{ index: 0, id: answers[0].id, errors: [] }] }, [answers[0].id]],
    ['none when the body names none', 400, { error: 'blocked by policy' }, undefined],
    ['none when `rejected` is no list', 422, { rejected: 'all of them' }, undefined],
    ['none when the body is no JSON', 413, '<html>Request Entity Too Large</html>', undefined]
  ])('reads %s', async (_, status, body, rejected) => {
    vi.stubGlobal('fetch', replying(new Response(typeof body === 'string' ? body : JSON.stringify(body), { status })))
    const result = await fetchTransport('/api/answers')(answers, { keepalive: false })
    expect(result).toEqual({ ok: false, retry: false, status, rejected })
  })

  it('reads no body of a reply to retry', async () => {
    const response = new Response(JSON.stringify({ rejected: [{ id: answers[0].id }] }), { status: 503 })
    vi.stubGlobal('fetch', replying(response))
    expect(await fetchTransport('/api/answers')(answers, { keepalive: false })).toEqual({ ok: false, retry: true, status: 503 })
    expect(response.bodyUsed).toBe(false)
  })
})
