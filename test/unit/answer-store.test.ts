import fc from 'fast-check'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { claimPrefix, createAnswerStore } from '../../src/outbox/create-answer-store'
import { createOutbox } from '../../src/outbox/create-outbox'
import { openOutbox } from '../../src/outbox/open-outbox'
import { queuePrefix } from '../../src/outbox/queue-prefix'
import { parseConfig } from '../../src/config/parse-config'
import { createEmitter } from '../../src/create-emitter'
import { createOutboxLoader } from '../../src/create-outbox-loader'
import { createReporter } from '../../src/create-reporter'
import { fetchTransport } from '../../src/transport/fetch-transport'
import type { Answer, SaysoError } from '../../src/types'
import { fakeCollector, rowsFor } from './fake-collector'
import { makeAnswer } from './helpers'

// Where answers wait (docs/delivery.md, rules 9 and 10): a queue per endpoint that no other
// endpoint's can reach into, claims apart from the answers, and the previous version's keys.

const T0 = Date.parse('2026-11-22T19:00:00.000Z')
let collector: ReturnType<typeof fakeCollector>
let errors: SaysoError[]
const closing: (() => void)[] = []

const open = (endpoint: string) => {
  const outbox = openOutbox({ endpoint }, { onSent: () => {}, onError: (error) => errors.push(error) })
  closing.push(outbox.destroy)
  return outbox
}
const delivered = (endpoint: string) =>
  collector.requests.filter((request) => request.url === endpoint && request.outcome === 200).flatMap((request) => request.ids)

beforeEach(() => {
  vi.useFakeTimers({ now: T0 })
  localStorage.clear()
  collector = fakeCollector()
  vi.stubGlobal('fetch', collector.fetch)
  errors = []
})
afterEach(() => {
  closing.splice(0).forEach((close) => close())
  vi.unstubAllGlobals()
  vi.useRealTimers()
  vi.restoreAllMocks()
})

describe('queues of two endpoints', () => {
  const scopes = ['https://c.example', 'https://c.example:8443/api', 'https://c.example:', '/api', '/api:x', '/api%3Ax', 'transport']

  it.each(scopes.flatMap((one) => scopes.filter((other) => other !== one).map((other) => [one, other])))(
    'the prefix of %s does not start the keys of %s',
    (one, other) => {
      expect(queuePrefix(other).startsWith(queuePrefix(one))).toBe(false)
      expect(claimPrefix(other).startsWith(claimPrefix(one))).toBe(false)
    }
  )

  it('no queue key of one scope starts with the prefix of another, whatever the scopes', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', ':', '%', '3', 'A', '2', '5', '/') }), fc.string(), (one, other) => {
        fc.pre(one !== other)
        expect(queuePrefix(other).startsWith(queuePrefix(one))).toBe(false)
      }),
      { numRuns: 2000 }
    )
  })

  it('keeps a path endpoint and the custom transport under their old keys', () => {
    expect(queuePrefix('/api/answers')).toBe('sayso:q:/api/answers:')
    expect(queuePrefix('transport')).toBe('sayso:q:transport:')
  })

  it('sends each endpoint its own answers only, and the overflow of one drops none of the other', async () => {
    const short = open('https://c.example')
    const long = open('https://c.example:8443/api')
    const mine = makeAnswer()
    short.push(mine)
    const theirs = Array.from({ length: 201 }, () => makeAnswer())
    theirs.forEach(long.push)
    await vi.advanceTimersByTimeAsync(60_000)
    expect(delivered('https://c.example')).toEqual([mine.id])
    expect(delivered('https://c.example:8443/api').sort()).toEqual(theirs.slice(1).map((one) => one.id).sort())
    expect(errors).toEqual([expect.objectContaining({ reason: 'overflow', answers: [theirs[0]] })])
  })
})

describe('answers kept by the previous version (sayso:q:<scope>:<id>)', () => {
  const legacyKey = (scope: string, answer: Answer) => `sayso:q:${scope}:${answer.id}`

  it('are delivered to their own endpoint, and none to the endpoint whose key theirs starts with', async () => {
    const forShort = makeAnswer()
    const forLong = makeAnswer()
    localStorage.setItem(legacyKey('https://c.example', forShort), JSON.stringify({ answer: forShort }))
    localStorage.setItem(legacyKey('https://c.example:8443/api', forLong), JSON.stringify({ answer: forLong, tab: 'old', until: T0 - 1 }))
    open('https://c.example')
    open('https://c.example:8443/api')
    await vi.advanceTimersByTimeAsync(2000)
    expect(delivered('https://c.example')).toEqual([forShort.id])
    expect(delivered('https://c.example:8443/api')).toEqual([forLong.id])
    expect(collector.rows()).toEqual(rowsFor([forShort, forLong]))
    expect(Object.keys(localStorage).filter((key) => key.startsWith('sayso:'))).toEqual([])
  })

  it('are left where they are when storage refuses the new key, and moved on a later page load', async () => {
    const waiting = makeAnswer()
    localStorage.setItem(legacyKey('https://c.example', waiting), JSON.stringify({ answer: waiting }))
    const full = new Proxy(localStorage, {
      get: (target, name) =>
        name === 'setItem'
          ? () => {
              throw new DOMException('full', 'QuotaExceededError')
            }
          : (Reflect.get(target, name) as unknown)
    })
    createAnswerStore('https://c.example', () => full)
    expect(localStorage.getItem(legacyKey('https://c.example', waiting))).not.toBeNull()
    open('https://c.example')
    await vi.advanceTimersByTimeAsync(2000)
    expect(delivered('https://c.example')).toEqual([waiting.id])
  })
})

describe('the core asking whether answers wait, before it loads the outbox', () => {
  const waiting = () => createOutboxLoader(parseConfig({ endpoint: '/api/answers' }).config, () => {}, createReporter(createEmitter())).hasWaiting()

  it.each([
    ['a path endpoint', '/api/answers'],
    ['an endpoint with a port', 'https://c.example:8443/api']
  ])('sees the answers of %s, not the claims', (_, scope) => {
    const one = makeAnswer()
    localStorage.setItem(`${claimPrefix(scope)}${one.id}`, JSON.stringify({ tab: 'x', until: T0 + 1000 }))
    expect(waiting()).toBe(false)
    localStorage.setItem(`${queuePrefix(scope)}${one.id}`, JSON.stringify({ answer: one }))
    expect(waiting()).toBe(true)
  })

  it('sees the previous version’s keys too, which the outbox then moves over', () => {
    const one = makeAnswer()
    localStorage.setItem(`sayso:q:https://c.example:${one.id}`, JSON.stringify({ answer: one }))
    expect(waiting()).toBe(true)
  })
})

describe('claims', () => {
  // A storage in which another tab's write lands just after this tab has read an answer.
  const withWriteAfterRead = (write: () => void): Storage => {
    let armed = false
    const storage = new Proxy(localStorage, {
      get: (target, name) => {
        if (name === 'arm') return () => (armed = true)
        if (name !== 'getItem') return Reflect.get(target, name) as unknown
        return (key: string) => {
          const value = target.getItem(key)
          if (armed && key.startsWith('sayso:q:')) {
            armed = false
            write()
          }
          return value
        }
      }
    })
    return storage
  }

  it('never rewrite an answer: a comment another tab saves while this one claims is delivered', async () => {
    const score = makeAnswer({ complete: false })
    const finished = { ...score, comment: 'Great service', complete: true }
    const transport = fetchTransport('/api/answers')
    const otherTab = () => createOutbox({ store: createAnswerStore('/api/answers'), transport, onSent: () => {}, onError: () => {} })
    const storage = withWriteAfterRead(() => {
      const tab = otherTab()
      closing.push(tab.destroy)
      tab.push(finished)
    })
    const sender = createOutbox({ store: createAnswerStore('/api/answers', () => storage), transport, onSent: () => {}, onError: () => {} })
    closing.push(sender.destroy)
    sender.push(score)
    ;(storage as unknown as { arm: () => void }).arm()
    await vi.advanceTimersByTimeAsync(10_000)
    expect(collector.rows()).toEqual(rowsFor([score, finished]))
    expect(Object.keys(localStorage).filter((key) => key.startsWith('sayso:'))).toEqual([])
  })

  it('live in keys of their own, and go with the answer', async () => {
    collector.failWith(() => ({ status: 200, delayMs: 1000 }))
    const one = makeAnswer()
    const outbox = open('/api/answers')
    outbox.push(one)
    await vi.advanceTimersByTimeAsync(500)
    expect(JSON.parse(localStorage.getItem(`sayso:q:/api/answers:${one.id}`)!)).toEqual({ answer: one })
    expect(JSON.parse(localStorage.getItem(`sayso:claim:/api/answers:${one.id}`)!)).toEqual({ tab: expect.any(String), until: T0 + 300 + 20_000 })
    await vi.advanceTimersByTimeAsync(1000)
    expect(Object.keys(localStorage).filter((key) => key.startsWith('sayso:'))).toEqual([])
  })

  it('of a tab that died while sending lapse: the answer goes from another tab then', async () => {
    const one = makeAnswer()
    localStorage.setItem(`sayso:q:/api/answers:${one.id}`, JSON.stringify({ answer: one }))
    localStorage.setItem(`sayso:claim:/api/answers:${one.id}`, JSON.stringify({ tab: 'dead', until: T0 + 20_000 }))
    open('/api/answers')
    await vi.advanceTimersByTimeAsync(19_000)
    expect(collector.requests).toHaveLength(0)
    await vi.advanceTimersByTimeAsync(2000)
    expect(collector.rows()).toEqual(rowsFor([one]))
  })

  it('that seem to last past 20 s outlived a clock set back, and no longer hold the answer', async () => {
    const one = makeAnswer()
    localStorage.setItem(`sayso:q:/api/answers:${one.id}`, JSON.stringify({ answer: one }))
    // Claimed by a tab that died, at a time the clock has since been set back from by a day.
    localStorage.setItem(`sayso:claim:/api/answers:${one.id}`, JSON.stringify({ tab: 'dead', until: T0 + 86_400_000 }))
    open('/api/answers')
    await vi.advanceTimersByTimeAsync(2000)
    expect(collector.rows()).toEqual(rowsFor([one]))
  })
})
