import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createOutbox, type Outbox } from '../../src/queue/create-outbox'
import type { Answer, SaysoError, TransportResult } from '../../src/types'
import { fakeTransport } from './helpers'

const answer = (n: number, extra: Partial<Answer> = {}): Answer => ({
  id: `id-${n}`,
  surveyId: 's',
  type: 'nps',
  score: n % 11,
  complete: true,
  createdAt: '2026-11-22T19:00:00.000Z',
  url: 'https://shop.example/',
  locale: 'en',
  visitorId: 'v',
  sdk: 'sayso@0.1.0',
  ...extra
})

let outbox: Outbox
let errors: SaysoError[]
let sent: Answer[][]
const start = (replies: TransportResult[] | ((answers: Answer[]) => TransportResult)) => {
  const fake = fakeTransport(async (answers) =>
    typeof replies === 'function' ? replies(answers) : (replies.shift() ?? { ok: true })
  )
  errors = []
  sent = []
  outbox = createOutbox({ transport: fake.transport, onError: (error) => errors.push(error), onSent: (batch) => sent.push(batch) })
  return fake
}

beforeEach(() => {
  vi.useFakeTimers()
  vi.spyOn(Math, 'random').mockReturnValue(0.5)
})
afterEach(() => {
  outbox.destroy()
  vi.useRealTimers()
  vi.restoreAllMocks()
})

describe('the outbox', () => {
  it('sends a new answer shortly, once, and reports it sent', async () => {
    const fake = start([])
    outbox.push(answer(1))
    await vi.advanceTimersByTimeAsync(299)
    expect(fake.transport).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(1)
    expect(fake.batches).toEqual([[answer(1)]])
    expect(sent).toEqual([[answer(1)]])
    await vi.advanceTimersByTimeAsync(60_000)
    expect(fake.transport).toHaveBeenCalledTimes(1)
  })

  it.each([200, 202, 204])('takes %s as delivered', async () => {
    const fake = start([{ ok: true }])
    outbox.push(answer(1))
    await vi.advanceTimersByTimeAsync(60_000)
    expect(fake.transport).toHaveBeenCalledTimes(1)
  })

  it('retries with the same id after 503s, backing off 1 s, 2 s, 4 s', async () => {
    const fake = start([503, 503, 503].map((status) => ({ ok: false, retry: true, status })))
    const times: number[] = []
    fake.transport.mockImplementation(async (answers) => {
      times.push(Date.now())
      fake.batches.push(answers)
      return times.length <= 3 ? { ok: false, retry: true, status: 503 } : { ok: true }
    })
    const t0 = Date.now()
    outbox.push(answer(1))
    await vi.advanceTimersByTimeAsync(10_000)
    expect(times.map((t) => t - t0)).toEqual([300, 1300, 3300, 7300])
    expect(new Set(fake.batches.flat().map((a) => a.id))).toEqual(new Set(['id-1']))
    expect(sent).toHaveLength(1)
  })

  it('caps the backoff at 300 s', async () => {
    const fake = start(() => ({ ok: false, retry: true }))
    outbox.push(answer(1))
    await vi.advanceTimersByTimeAsync(3_600_000)
    const calls = fake.transport.mock.calls.length
    await vi.advanceTimersByTimeAsync(300_000)
    expect(fake.transport.mock.calls.length).toBe(calls + 1)
  })

  it('waits out Retry-After without counting it as an attempt', async () => {
    const fake = start([{ ok: false, retry: true, status: 429, retryAfterMs: 20_000 }])
    outbox.push(answer(1))
    await vi.advanceTimersByTimeAsync(300)
    expect(fake.transport).toHaveBeenCalledTimes(1)
    await vi.advanceTimersByTimeAsync(19_999)
    expect(fake.transport).toHaveBeenCalledTimes(1)
    await vi.advanceTimersByTimeAsync(1)
    expect(fake.transport).toHaveBeenCalledTimes(2)
    expect(sent).toHaveLength(1)
  })

  it('keeps answers for the next page load when Retry-After is over 5 minutes', async () => {
    const fake = start([{ ok: false, retry: true, status: 503, retryAfterMs: 86_400_000 }])
    outbox.push(answer(1))
    await vi.advanceTimersByTimeAsync(3_600_000)
    expect(fake.transport).toHaveBeenCalledTimes(1)
  })

  it('splits a rejected batch until the bad answer is alone, drops it, delivers the rest', async () => {
    const fake = start((answers) =>
      answers.some((a) => a.id === 'id-3') ? { ok: false, retry: false, status: 422 } : { ok: true }
    )
    for (let n = 1; n <= 5; n++) outbox.push(answer(n))
    await vi.advanceTimersByTimeAsync(1000)
    expect(sent.flat().map((a) => a.id).sort()).toEqual(['id-1', 'id-2', 'id-4', 'id-5'])
    expect(errors).toEqual([expect.objectContaining({ reason: 'rejected', status: 422, answers: [answer(3)] })])
    expect(fake.batches[0]).toHaveLength(5)
  })

  it('keeps the answers and stops sending on 401', async () => {
    const fake = start([{ ok: false, retry: false, status: 401 }])
    outbox.push(answer(1))
    await vi.advanceTimersByTimeAsync(600_000)
    expect(fake.transport).toHaveBeenCalledTimes(1)
    expect(errors).toEqual([expect.objectContaining({ reason: 'stopped', status: 401 })])
  })

  it('sends nothing offline and at once when the browser is back online', async () => {
    const onLine = vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false)
    const fake = start([])
    outbox.push(answer(1))
    await vi.advanceTimersByTimeAsync(60_000)
    expect(fake.transport).not.toHaveBeenCalled()
    onLine.mockReturnValue(true)
    window.dispatchEvent(new Event('online'))
    await vi.advanceTimersByTimeAsync(0)
    expect(fake.transport).toHaveBeenCalledTimes(1)
  })

  it('sends at most 20 answers a request', async () => {
    const fake = start([])
    for (let n = 1; n <= 45; n++) outbox.push(answer(n))
    await vi.advanceTimersByTimeAsync(1000)
    expect(fake.batches.map((batch) => batch.length)).toEqual([20, 20, 5])
  })

  it('keeps a batch under 32 KiB', async () => {
    const fake = start([])
    for (let n = 1; n <= 10; n++) outbox.push(answer(n, { comment: 'x'.repeat(4000) }))
    await vi.advanceTimersByTimeAsync(1000)
    for (const batch of fake.batches) expect(JSON.stringify({ answers: batch }).length).toBeLessThan(32 * 1024)
    expect(fake.batches.flat()).toHaveLength(10)
  })

  it('sends the newer copy when a comment arrives while the score is in flight', async () => {
    let release!: () => void
    const fake = start([])
    fake.transport.mockImplementationOnce(async (answers) => {
      fake.batches.push(answers)
      await new Promise<void>((resolve) => (release = resolve))
      return { ok: true }
    })
    outbox.push(answer(1, { complete: false }))
    await vi.advanceTimersByTimeAsync(300)
    outbox.push(answer(1, { complete: true, comment: 'Great' }))
    release()
    await vi.advanceTimersByTimeAsync(1000)
    expect(fake.batches.map((batch) => [batch[0].complete, batch[0].comment])).toEqual([
      [false, undefined],
      [true, 'Great']
    ])
  })

  it('flush() sends now and settles when the queue is empty', async () => {
    const fake = start([])
    outbox.push(answer(1))
    outbox.push(answer(2))
    await outbox.flush()
    expect(fake.batches).toEqual([[answer(1), answer(2)]])
  })

  it('flush() settles when it cannot progress', async () => {
    start(() => ({ ok: false, retry: true, status: 503 }))
    outbox.push(answer(1))
    await expect(outbox.flush()).resolves.toBeUndefined()
  })

  it('reports a transport that throws and retries', async () => {
    const fake = start([])
    fake.transport.mockRejectedValueOnce(new Error('boom'))
    outbox.push(answer(1))
    await vi.advanceTimersByTimeAsync(2000)
    expect(errors).toEqual([{ reason: 'transport', message: 'the transport failed: boom' }])
    expect(sent).toHaveLength(1)
  })
})
