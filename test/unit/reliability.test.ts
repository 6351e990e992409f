import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createAnswerStore } from '../../src/outbox/create-answer-store'
import { createOutbox, type Outbox } from '../../src/outbox/create-outbox'
import { fetchTransport } from '../../src/transport/fetch-transport'
import type { Answer, SaysoError } from '../../src/types'
import { fakeCollector } from './fake-collector'
import { makeAnswer } from './helpers'

// RELIABILITY.md's fault scenarios that live in the queue, with fake timers and
// a fake collector behind fetch. The page-level ones are in test/browser/.

const T0 = Date.parse('2026-11-22T19:00:00.000Z')
const ENDPOINT = '/api/answers'
const answer = makeAnswer

let collector: ReturnType<typeof fakeCollector>
let outboxes: Outbox[]
let errors: SaysoError[]
let sent: Answer[][]

const start = (options: { storage?: () => Storage; beacon?: (answers: Answer[]) => boolean } = {}) => {
  const outbox = createOutbox({
    store: createAnswerStore(ENDPOINT, options.storage),
    transport: fetchTransport(ENDPOINT),
    beacon: options.beacon,
    onSent: (batch) => sent.push(batch),
    onError: (error) => errors.push(error)
  })
  outboxes.push(outbox)
  return outbox
}
const storedIds = () =>
  Object.keys(localStorage)
    .filter((key) => key.startsWith('sayso:q:'))
    .map((key) => key.split(':').at(-1))

beforeEach(() => {
  vi.useFakeTimers({ now: T0 })
  vi.spyOn(Math, 'random').mockReturnValue(0.5)
  localStorage.clear()
  collector = fakeCollector()
  vi.stubGlobal('fetch', collector.fetch)
  outboxes = []
  errors = []
  sent = []
})
afterEach(() => {
  outboxes.forEach((outbox) => outbox.destroy())
  vi.unstubAllGlobals()
  vi.useRealTimers()
  vi.restoreAllMocks()
})

describe('RELIABILITY.md scenarios', () => {
  it('1: a normal answer goes in one request within 2 s, empties storage and makes one row', async () => {
    const outbox = start()
    const a = answer()
    outbox.push(a)
    expect(storedIds()).toEqual([a.id])
    await vi.advanceTimersByTimeAsync(2000)
    expect(collector.requests).toHaveLength(1)
    expect(collector.requests[0]).toMatchObject({ ids: [a.id], idempotencyKey: a.id, keepalive: false })
    expect(collector.requests[0].at - T0).toBeLessThan(2000)
    expect(storedIds()).toEqual([])
    expect([...collector.rows.keys()]).toEqual([a.id])
    expect(sent).toEqual([[a]])
  })

  it('2: 503 three times, then 200: delivered, every attempt with the same id, one row', async () => {
    collector.failWith((_, index) => (index < 3 ? { status: 503 } : undefined))
    const a = answer()
    start().push(a)
    await vi.advanceTimersByTimeAsync(10_000)
    expect(collector.requests.map((request) => request.ids)).toEqual([[a.id], [a.id], [a.id], [a.id]])
    // Backoff 1 s, 2 s, 4 s (jitter fixed at ×1 here).
    expect(collector.requests.map((request) => request.at - T0)).toEqual([300, 1300, 3300, 7300])
    expect(collector.rows.size).toBe(1)
    expect(storedIds()).toEqual([])
  })

  it.each([202, 204])('3: %s is confirmed, with no retry', async (status) => {
    collector.failWith(() => ({ status }))
    start().push(answer())
    await vi.advanceTimersByTimeAsync(600_000)
    expect(collector.requests).toHaveLength(1)
    expect(storedIds()).toEqual([])
  })

  it('4: 429 with Retry-After: 20 — nothing before 20 s, delivered after, the attempt count unchanged', async () => {
    collector.failWith((_, index) =>
      index === 0 ? { status: 429, headers: { 'Retry-After': '20' } } : index === 2 ? { status: 503 } : undefined
    )
    start().push(answer())
    await vi.advanceTimersByTimeAsync(20_299)
    expect(collector.requests).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(1)
    expect(collector.requests).toHaveLength(2)
    expect(collector.rows.size).toBe(1)
  })

  it('4: a Retry-After pause is no failed attempt: the next failure backs off 1 s', async () => {
    const b = answer()
    collector.failWith((_, index) =>
      index === 0 ? { status: 429, headers: { 'Retry-After': '20' } } : index === 1 ? { status: 503 } : undefined
    )
    start().push(b)
    await vi.advanceTimersByTimeAsync(30_000)
    const [first, second, third] = collector.requests.map((request) => request.at - T0)
    expect([first, second, third]).toEqual([300, 20_300, 21_300])
  })

  it.each([
    ['a date', 'Sun, 22 Nov 2026 19:01:30 GMT', 90_000],
    ['unreadable', 'later, maybe', 60_300]
  ])('5: Retry-After as %s waits until then', async (_, value, at) => {
    collector.failWith((_, index) => (index === 0 ? { status: 503, headers: { 'Retry-After': value } } : undefined))
    start().push(answer())
    await vi.advanceTimersByTimeAsync(at - 1)
    expect(collector.requests).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(1)
    expect(collector.requests).toHaveLength(2)
  })

  it('5: Retry-After: 86400 keeps the answer for the next page load', async () => {
    collector.failWith((_, index) => (index === 0 ? { status: 503, headers: { 'Retry-After': '86400' } } : undefined))
    const a = answer()
    const first = start()
    first.push(a)
    await vi.advanceTimersByTimeAsync(3_600_000)
    expect(collector.requests).toHaveLength(1)
    expect(storedIds()).toEqual([a.id])
    first.destroy()
    start() // the next page load
    await vi.advanceTimersByTimeAsync(1000)
    expect([...collector.rows.keys()]).toEqual([a.id])
  })

  it('6: 422 for one answer in a batch of 5 — 4 delivered, 1 dropped as rejected', async () => {
    const answers = Array.from({ length: 5 }, () => answer())
    const bad = answers[2]
    collector.failWith((request) => (request.ids.includes(bad.id) ? { status: 422 } : undefined))
    const outbox = start()
    answers.forEach(outbox.push)
    await vi.advanceTimersByTimeAsync(5000)
    expect(collector.requests[0].ids).toHaveLength(5)
    expect([...collector.rows.keys()].sort()).toEqual(answers.filter((a) => a !== bad).map((a) => a.id).sort())
    expect(errors).toEqual([expect.objectContaining({ reason: 'rejected', status: 422, answers: [bad] })])
    expect(storedIds()).toEqual([])
  })

  it('7: 413 splits the batch, and no request is over 32 KiB', async () => {
    collector.failWith((request) => (request.bytes > 12_000 ? { status: 413 } : undefined))
    const outbox = start()
    for (let i = 0; i < 12; i++) outbox.push(answer({ comment: 'x'.repeat(3000) }))
    await vi.advanceTimersByTimeAsync(10_000)
    expect(collector.rows.size).toBe(12)
    expect(Math.max(...collector.requests.map((request) => request.bytes))).toBeLessThanOrEqual(32 * 1024)
    expect(errors).toEqual([])
  })

  it('8: 401 keeps the answer and stops; the next load delivers it once the endpoint accepts', async () => {
    collector.failWith(() => ({ status: 401 }))
    const a = answer()
    const first = start()
    first.push(a)
    await vi.advanceTimersByTimeAsync(600_000)
    expect(collector.requests).toHaveLength(1)
    expect(errors).toEqual([expect.objectContaining({ reason: 'stopped', status: 401 })])
    expect(storedIds()).toEqual([a.id])
    first.destroy()
    collector.failWith(() => undefined)
    start()
    await vi.advanceTimersByTimeAsync(1000)
    expect([...collector.rows.keys()]).toEqual([a.id])
  })

  it('9: offline when answering — no request while offline, delivered within 2 s of online', async () => {
    const onLine = vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false)
    start().push(answer())
    await vi.advanceTimersByTimeAsync(600_000)
    expect(collector.requests).toHaveLength(0)
    onLine.mockReturnValue(true)
    window.dispatchEvent(new Event('online'))
    await vi.advanceTimersByTimeAsync(2000)
    expect(collector.rows.size).toBe(1)
  })

  it('10: a hanging request is aborted at 15 s and retried with the same id; one row', async () => {
    collector.failWith((_, index) => (index === 0 ? 'hang' : undefined))
    const a = answer()
    start().push(a)
    await vi.advanceTimersByTimeAsync(300 + 14_999)
    expect(collector.requests).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(1 + 1000)
    expect(collector.requests.map((request) => request.ids)).toEqual([[a.id], [a.id]])
    expect(collector.rows.size).toBe(1)
  })

  it('11: the server stores, then the connection resets — retried, still one row', async () => {
    collector.failWith((_, index) => (index === 0 ? 'store-then-reset' : undefined))
    start().push(answer())
    await vi.advanceTimersByTimeAsync(5000)
    expect(collector.requests).toHaveLength(2)
    expect(collector.rows.size).toBe(1)
    expect(storedIds()).toEqual([])
  })

  it('15: localStorage that throws QuotaExceededError — memory queue, sent at once, no exception', async () => {
    const full = {
      setItem: () => {
        throw new DOMException('full', 'QuotaExceededError')
      },
      getItem: () => null,
      removeItem: () => {},
      key: () => null,
      length: 0
    } as unknown as Storage
    const outbox = start({ storage: () => full })
    expect(() => outbox.push(answer())).not.toThrow()
    await vi.advanceTimersByTimeAsync(0)
    expect(collector.requests).toHaveLength(1)
    expect(collector.rows.size).toBe(1)
  })

  it('15: missing localStorage — memory queue, no exception', async () => {
    const outbox = start({
      storage: () => {
        throw new DOMException('denied', 'SecurityError')
      }
    })
    outbox.push(answer())
    await vi.advanceTimersByTimeAsync(100)
    expect(collector.rows.size).toBe(1)
  })

  it('16: 250 answers queued offline — 50 overflow, 200 delivered in batches of at most 20', async () => {
    const onLine = vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false)
    const outbox = start()
    const answers = Array.from({ length: 250 }, () => answer())
    for (const a of answers) {
      outbox.push(a)
      vi.advanceTimersByTime(1)
    }
    expect(storedIds()).toHaveLength(200)
    expect(errors.filter((error) => error.reason === 'overflow').flatMap((error) => error.answers)).toEqual(answers.slice(0, 50))
    onLine.mockReturnValue(true)
    window.dispatchEvent(new Event('online'))
    await vi.advanceTimersByTimeAsync(5000)
    expect(collector.rows.size).toBe(200)
    expect([...collector.rows.keys()].sort()).toEqual(answers.slice(50).map((a) => a.id).sort())
    expect(Math.max(...collector.requests.map((request) => request.ids.length))).toBeLessThanOrEqual(20)
  })

  it('17: 7 days + 1 min old expires, 6 days 23 h old is delivered; a clock set back expires nothing', async () => {
    const day = 24 * 60 * 60 * 1000
    const onLine = vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false)
    const outbox = start()
    const old = answer({ createdAt: new Date(T0 - 7 * day - 60_000).toISOString() })
    const young = answer({ createdAt: new Date(T0 - 6 * day - 23 * 3_600_000).toISOString() })
    const future = answer({ createdAt: new Date(T0 + 2 * day).toISOString() }) // written before the clock went back
    ;[old, young, future].forEach(outbox.push)
    onLine.mockReturnValue(true)
    window.dispatchEvent(new Event('online'))
    await vi.advanceTimersByTimeAsync(2000)
    expect(errors).toEqual([expect.objectContaining({ reason: 'expired', answers: [old] })])
    expect([...collector.rows.keys()].sort()).toEqual([young.id, future.id].sort())
  })

  it('18: sendBeacon returning false halves the batch, and keeps what it cannot send', async () => {
    const onLine = vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(true)
    void onLine
    collector.failWith(() => 'hang')
    const beamed: string[][] = []
    const beacon = vi.fn((answers: Answer[]) => {
      if (answers.length > 2) return false
      beamed.push(answers.map((a) => a.id))
      return true
    })
    const outbox = start({ beacon })
    const answers = Array.from({ length: 14 }, () => answer({ comment: 'y'.repeat(3000) }))
    answers.forEach(outbox.push)
    window.dispatchEvent(new Event('pagehide'))
    // Some batches went by keepalive fetch (within 32 KiB in flight), the rest by beacon, halved to 2.
    const byKeepalive = collector.requests.filter((request) => request.keepalive).flatMap((request) => request.ids)
    expect(collector.requests.filter((request) => request.keepalive).reduce((sum, r) => sum + r.bytes, 0)).toBeLessThanOrEqual(32 * 1024)
    expect(beacon.mock.calls.some(([batch]) => batch.length > 2)).toBe(true)
    expect([...byKeepalive, ...beamed.flat()].sort()).toEqual(answers.map((a) => a.id).sort())
    // "Maybe sent": everything stays stored until a 2xx is seen.
    expect(storedIds()).toHaveLength(14)
  })

  it('18: a beacon refused even for one answer keeps it for the next visit', async () => {
    collector.failWith(() => 'hang')
    const outbox = start({ beacon: () => false })
    const answers = Array.from({ length: 12 }, () => answer({ comment: 'z'.repeat(3900) }))
    answers.forEach(outbox.push)
    window.dispatchEvent(new Event('pagehide'))
    expect(storedIds()).toHaveLength(12)
  })

  it('20: 30 % of requests failing at random over 500 answers — 500 rows, no duplicates', { timeout: 60_000 }, async () => {
    let seed = 42
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31)
    let failures = 0
    collector.failWith(() => {
      if (random() >= 0.3) return undefined
      failures++
      return [{ status: 503 }, 'network-error', 'store-then-reset', { status: 500 }][failures % 4] as never
    })
    const outbox = start()
    const answers = Array.from({ length: 500 }, () => answer())
    for (let i = 0; i < answers.length; i += 10) {
      answers.slice(i, i + 10).forEach(outbox.push)
      await vi.advanceTimersByTimeAsync(500)
    }
    await vi.advanceTimersByTimeAsync(15 * 60_000)
    expect(collector.rows.size).toBe(500)
    expect(new Set(collector.rows.keys()).size).toBe(500)
    expect(storedIds()).toEqual([])
    expect(failures).toBeGreaterThan(0)
  })
})

describe('the queue', () => {
  it('keeps answers across a reload and sends them at start-up', async () => {
    const onLine = vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false)
    const a = answer()
    start().push(a)
    outboxes[0].destroy()
    onLine.mockReturnValue(true)
    start()
    await vi.advanceTimersByTimeAsync(400)
    expect([...collector.rows.keys()]).toEqual([a.id])
  })

  it('sends the comment copy when it arrives while the score is in flight', async () => {
    collector.failWith((_, index) => (index === 0 ? { status: 200, delayMs: 1000 } : undefined))
    const outbox = start()
    const partial = answer({ complete: false })
    outbox.push(partial)
    await vi.advanceTimersByTimeAsync(500)
    outbox.push({ ...partial, complete: true, comment: 'Great' })
    await vi.advanceTimersByTimeAsync(3000)
    expect(collector.requests).toHaveLength(2)
    expect(collector.rows.get(partial.id)).toMatchObject({ complete: true, comment: 'Great' })
    expect(storedIds()).toEqual([])
  })

  it('drops an answer over 16 KiB as too large', () => {
    start().push(answer({ attributes: { blob: 'x'.repeat(17_000) } }))
    expect(errors).toEqual([expect.objectContaining({ reason: 'too-large' })])
    expect(storedIds()).toEqual([])
  })

  it('flush() sends now and settles once the queue is empty', async () => {
    const outbox = start()
    outbox.push(answer())
    outbox.push(answer())
    await outbox.flush()
    expect(collector.rows.size).toBe(2)
  })

  it('flush() settles when the queue cannot progress', async () => {
    collector.failWith(() => ({ status: 503 }))
    const outbox = start()
    outbox.push(answer())
    await expect(outbox.flush()).resolves.toBeUndefined()
    expect(storedIds()).toHaveLength(1)
  })
})

describe('two tabs', () => {
  it('never send one answer at the same time, with or without Web Locks', async () => {
    for (const withLocks of [false, true]) {
      localStorage.clear()
      const held = new Set<string>()
      const locks = {
        request: async (name: string, _options: unknown, callback: (lock: unknown) => Promise<unknown>) => {
          if (held.has(name)) return callback(null)
          held.add(name)
          try {
            return await callback({ name })
          } finally {
            held.delete(name)
          }
        }
      }
      if (withLocks) Object.defineProperty(navigator, 'locks', { value: locks, configurable: true })
      collector = fakeCollector()
      vi.stubGlobal('fetch', collector.fetch)
      collector.failWith(() => ({ status: 200, delayMs: 700 }))
      const tabA = start()
      const tabB = start()
      for (let i = 0; i < 60; i++) {
        ;(i % 2 ? tabA : tabB).push(answer())
        await vi.advanceTimersByTimeAsync(40)
      }
      await vi.advanceTimersByTimeAsync(60_000)
      expect(collector.overlaps).toEqual([])
      expect(collector.rows.size).toBe(60)
      expect(storedIds()).toEqual([])
      Reflect.deleteProperty(navigator, 'locks')
    }
  })

  it('leave the answers of a tab that died while sending to the other, once its claim lapses', async () => {
    const a = answer()
    // What a tab leaves in storage when it dies in the middle of a request.
    localStorage.setItem(`sayso:q:${ENDPOINT}:${a.id}`, JSON.stringify({ answer: a, tab: 'dead', until: T0 + 20_000 }))
    start()
    await vi.advanceTimersByTimeAsync(19_000)
    expect(collector.requests).toHaveLength(0)
    await vi.advanceTimersByTimeAsync(2000)
    expect([...collector.rows.keys()]).toEqual([a.id])
    expect(storedIds()).toEqual([])
  })
})
