// @vitest-environment node
import type { IncomingMessage } from 'node:http'
import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { clientAddress, limitKey } from '../../collector/http/client-address'
import { createRateLimit } from '../../collector/http/create-rate-limit'
import { createPostgresStore } from '../../collector/store/postgres-store'
import { makeAnswer } from './helpers'
import { startCollector } from './running-collector'
import { heapMB } from './measure-heap'

const address = (i: number) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`
const now = performance.now.bind(performance)

describe('the rate limit', () => {
  it('costs a request the same with 30,000 addresses remembered as with 100', async () => {
    // The median time of 2,000 requests from addresses it knows, among `known` remembered ones.
    const timeTakes = async (known: number) => {
      const limit = createRateLimit({ limit: 1_000_000 })
      for (let i = 0; i < known; i++) await limit.take(address(i))
      const rounds: number[] = []
      for (let round = 0; round < 5; round++) {
        const started = now()
        for (let i = 0; i < 2000; i++) await limit.take(address(i % 100))
        rounds.push(now() - started)
      }
      return rounds.sort((a, b) => a - b)[2]
    }
    const few = await timeTakes(100)
    const many = await timeTakes(30_000)
    // A limiter that scans what it remembers (the old one, past 10,000 addresses) is a hundred times slower here.
    expect(many).toBeLessThan(Math.max(5 * few, 20))
  }, 30_000)

  it('forgets an address when its window ends, and bounds what a flood of new addresses can take', async () => {
    const windowMs = 4000
    const before = heapMB()
    const started = now()
    const limit = createRateLimit({ limit: 3, windowMs, maxAddresses: 10_000 })
    for (let i = 0; i < 60_000; i++) await limit.take(address(i))
    const flooded = heapMB() - before
    const lastSeen = now()
    // Only meaningful while the flood fits in one window.
    expect(lastSeen - started).toBeLessThan(windowMs)
    // 10,000 remembered addresses take about 4 MB; 60,000 would take about 25.
    expect(flooded).toBeLessThan(12)
    // Known addresses keep their own allowance; the others share one, already spent.
    expect(await limit.take(address(1))).toBe(0)
    expect(await limit.take(address(59_999))).toBeGreaterThan(0)
    await new Promise((resume) => setTimeout(resume, windowMs + 300 - (now() - lastSeen)))
    expect(heapMB() - before).toBeLessThan(2)
    expect(await limit.take(address(59_999))).toBe(0)
  }, 20_000)
})

describe('the client address', () => {
  const request = (forwarded: string | undefined, peer = '10.0.0.9') =>
    ({ headers: forwarded === undefined ? {} : { 'x-forwarded-for': forwarded }, socket: { remoteAddress: peer } }) as unknown as IncomingMessage

  it.each([
    [0, 'spoofed, 198.51.100.7', '10.0.0.9'],
    [1, 'spoofed, 198.51.100.7', '198.51.100.7'],
    [1, '198.51.100.7', '198.51.100.7'],
    [2, 'spoofed, 198.51.100.7, 203.0.113.5', '198.51.100.7'],
    [2, '203.0.113.5', '203.0.113.5'],
    [1, undefined, '10.0.0.9'],
    [1, ' , ,', '10.0.0.9']
  ])('with %i trusted hops and X-Forwarded-For %j is %s', (hops, forwarded, expected) => {
    expect(clientAddress(request(forwarded), hops)).toBe(expected)
  })

  it.each([
    ['198.51.100.7', '198.51.100.7'],
    ['198.51.100.7:443', '198.51.100.7'],
    ['::ffff:198.51.100.7', '198.51.100.7'],
    ['2001:db8:1:2:aaaa:bbbb:cccc:dddd', '2001:db8:1:2::/64'],
    ['2001:db8:1:2::9', '2001:db8:1:2::/64'],
    ['[2001:db8:1:2::9]:8443', '2001:db8:1:2::/64'],
    ['2001:db8::', '2001:db8:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    ['unknown', 'unknown'],
    ['x'.repeat(300), 'x'.repeat(64)]
  ])('counts %s under %s', (given, key) => {
    expect(limitKey(given)).toBe(key)
  })

  it('is not what the client writes at the left of X-Forwarded-For', async () => {
    const collector = await startCollector({ rateLimit: createRateLimit({ limit: 3 }), trustedHops: 1 })
    const statuses: number[] = []
    for (let i = 0; i < 5; i++) {
      const response = await collector.post({ answers: [makeAnswer()] }, 'application/json', { 'X-Forwarded-For': `192.0.2.${i}, 198.51.100.7` })
      statuses.push(response.status)
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429])
    await collector.close()
  })
})

const postgres = process.env.SAYSO_TEST_POSTGRES
describe.runIf(postgres)('several collectors on one PostgreSQL', () => {
  it('share the limits', async () => {
    const schema = `sayso_limits_${process.pid}_${Date.now()}`
    const stores = await Promise.all([1, 2].map(() => createPostgresStore(postgres!, { schema })))
    const collectors = await Promise.all(stores.map((store) => startCollector({ store, rateLimit: createRateLimit({ limit: 3, pool: store.pool }) })))
    const statuses: number[] = []
    for (let i = 0; i < 6; i++) statuses.push((await collectors[i % 2].post({ answers: [makeAnswer()] })).status)
    expect(statuses).toEqual([200, 200, 200, 429, 429, 429])
    for (const collector of collectors) await collector.close()
    for (const store of stores) await store.close()
    const client = new pg.Client(postgres)
    await client.connect()
    await client.query(`DROP SCHEMA ${schema} CASCADE`)
    await client.end()
  })
})
