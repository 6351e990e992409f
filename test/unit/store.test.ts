// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createPostgresStore } from '../../collector/postgres-store'
import { createSqliteStore } from '../../collector/sqlite-store'
import type { Store } from '../../collector/store'
import { makeAnswer } from './helpers'

// One suite for both stores. PostgreSQL runs when SAYSO_TEST_POSTGRES names a server
// (.ci/run starts one); each run gets a schema of its own.
const postgres = process.env.SAYSO_TEST_POSTGRES
const schema = `sayso_test_${process.pid}_${Date.now()}`
const stores: [string, () => Promise<Store>][] = [['SQLite', async () => createSqliteStore(':memory:')]]
if (postgres) stores.push(['PostgreSQL', () => createPostgresStore(postgres, { schema })])
else console.log('PostgreSQL store tests skipped: set SAYSO_TEST_POSTGRES=postgres://… to run them')

describe.each(stores)('the %s store', (_, open) => {
  let store: Store
  beforeAll(async () => {
    store = await open()
  })
  afterAll(async () => {
    await store.close()
  })
  const one = async (id: string) => (await store.answers({ limit: 1000 })).filter((row) => row.id === id)

  it('keeps every field of an answer', async () => {
    const a = makeAnswer({ comment: 'Fast, "really"', userId: 'u_42', attributes: { plan: 'pro', seats: 3, trial: false, coupon: null } })
    await store.upsert([a])
    const [row] = await one(a.id)
    expect(row).toMatchObject(a)
    expect(new Date(row.receivedAt).getTime()).toBeGreaterThan(0)
  })

  it('merges copies: a comment and complete are added, never taken away; the score stays the first', async () => {
    const partial = makeAnswer({ complete: false, score: 7 })
    await store.upsert([partial])
    await store.upsert([{ ...partial, score: 2 }])
    await store.upsert([{ ...partial, complete: true, comment: 'Good' }])
    await store.upsert([partial])
    const rows = await one(partial.id)
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ score: 7, complete: true, comment: 'Good' })
  })

  it('makes one row of one id sent many times at once, also twice in one batch', async () => {
    const a = makeAnswer({ complete: false })
    await Promise.all(Array.from({ length: 12 }, (_, i) => store.upsert([i % 3 ? a : { ...a, complete: true, comment: 'x' }, a])))
    const rows = await one(a.id)
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ complete: true, comment: 'x' })
  })

  it('counts scores by survey, filtered by dates and URL, and by day or week', async () => {
    const at = (day: string, extra = {}) => makeAnswer({ surveyId: 'counted', createdAt: `${day}T10:00:00.000Z`, ...extra })
    await store.upsert([
      at('2026-11-02', { score: 10 }), // a Monday
      at('2026-11-08', { score: 0, url: 'https://shop.example/checkout/done' }), // the Sunday of that week
      at('2026-11-09', { score: 9, url: 'https://shop.example/checkout/start' }),
      at('2026-11-20', { score: 9 })
    ])
    const counts = async (filter = {}, period?: 'day' | 'week') =>
      (await store.scoreCounts({ surveyId: 'counted', ...filter }, period))
        .map((row) => `${row.period ?? ''}:${row.score}×${row.count}`)
        .sort()
    expect(await counts()).toEqual([':0×1', ':10×1', ':9×2'])
    expect(await counts({ from: '2026-11-08T00:00:00.000Z', to: '2026-11-10T00:00:00.000Z' })).toEqual([':0×1', ':9×1'])
    expect(await counts({ url: 'https://shop.example/checkout/*' })).toEqual([':0×1', ':9×1'])
    expect(await counts({ url: 'https://shop.example/checkout/done' })).toEqual([':0×1'])
    expect(await counts({ url: 'https://shop.example/check_ut/*' })).toEqual([])
    expect(await counts({}, 'week')).toEqual(['2026-11-02:0×1', '2026-11-02:10×1', '2026-11-09:9×1', '2026-11-16:9×1'])
    expect(await counts({}, 'day')).toEqual(['2026-11-02:10×1', '2026-11-08:0×1', '2026-11-09:9×1', '2026-11-20:9×1'])
  })

  it('pages through answers newest first, each once, and picks those with a comment', async () => {
    const paged = Array.from({ length: 25 }, (_, i) =>
      makeAnswer({ surveyId: 'paged', createdAt: new Date(Date.UTC(2026, 9, 1 + (i % 5))).toISOString(), ...(i % 4 === 0 && { comment: `c${i}` }) })
    )
    await store.upsert(paged)
    const seen: string[] = []
    let after
    for (let page = 0; page < 10; page++) {
      const rows = await store.answers({ surveyId: 'paged', limit: 7, after })
      if (!rows.length) break
      seen.push(...rows.map((row) => row.id))
      after = { createdAt: rows.at(-1)!.createdAt, id: rows.at(-1)!.id }
    }
    expect(seen.sort()).toEqual(paged.map((a) => a.id).sort())
    const ordered = await store.answers({ surveyId: 'paged', limit: 100 })
    expect(ordered.map((row) => row.createdAt)).toEqual([...ordered.map((row) => row.createdAt)].sort().reverse())
    expect((await store.answers({ surveyId: 'paged', withComment: true })).map((row) => row.comment).sort()).toEqual(
      ['c0', 'c12', 'c16', 'c20', 'c24', 'c4', 'c8'].sort()
    )
  })
})

describe.runIf(postgres)('PostgreSQL behind a load balancer', () => {
  it('lets several collector processes start at once and share one database', async () => {
    const shared = `${schema}_shared`
    const processes = await Promise.all(Array.from({ length: 4 }, () => createPostgresStore(postgres!, { schema: shared })))
    const a = makeAnswer({ complete: false })
    await Promise.all(processes.map((store, i) => store.upsert([i === 2 ? { ...a, complete: true, comment: 'via 3' } : a])))
    const rows = (await processes[0].answers()).filter((row) => row.id === a.id)
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ complete: true, comment: 'via 3' })
    await Promise.all(processes.map((store) => store.close()))
  })
})
