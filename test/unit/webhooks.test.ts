// @vitest-environment node
import { createHmac } from 'node:crypto'
import Database from 'better-sqlite3'
import pg from 'pg'
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Hook } from '../../collector/hooks/hook'
import type { Answer } from '../../src/types'
import { makeAnswer } from './helpers'
import { eventually, startReceiver, type Receiver } from './webhook-receiver'
import { closeAll, startHooked, webhookDatabases } from './webhooks-running'

// docs/webhooks.md, against a receiver on loopback, on both databases.
const { databases, cleanUp } = webhookDatabases()
// Waits are bounded by eventually() (10 s); a loaded machine may need them whole.
vi.setConfig({ testTimeout: 30_000 })
afterAll(cleanUp)

const SECRET = 'receiver-secret-0123456789'
let receiver: Receiver
beforeEach(async () => {
  receiver = await startReceiver()
})
afterEach(async () => {
  await closeAll()
  await receiver.close()
})

const answer = (extra: Partial<Answer> = {}) => makeAnswer({ surveyId: 'nps-main', type: 'nps', url: 'https://shop.example/thanks', ...extra })
const bodiesOf = (key: string, from = receiver) => from.received.filter((entry) => entry.key === key).map((entry) => JSON.parse(entry.body))
const pause = (ms: number) => new Promise((resume) => setTimeout(resume, ms))

/** Runs SQL on the test's database from outside the collector, as an operator would. */
const onDatabase = async (database: string, sql: string) => {
  if (!database.startsWith('postgres')) {
    const db = new Database(database)
    db.exec(sql)
    db.close()
    return
  }
  const client = new pg.Client(database)
  await client.connect()
  await client.query(`SET search_path = ${new URL(database).searchParams.get('schema')}`)
  await client.query(sql)
  await client.end()
}

describe.each(databases)('webhooks on %s', (_, database) => {
  it('posts a complete answer once, as JSON, with its Idempotency-Key and a signature the receiver can check', async () => {
    const hooks: Hook[] = [{ url: receiver.url, format: 'json', secret: SECRET }]
    const surveys = [{ id: 'nps-main', type: 'nps', question: 'Would you recommend us?' }]
    const collector = await startHooked(database(), hooks, { surveys })
    const given = answer({ score: 3, comment: 'Too slow', complete: true })
    expect((await collector.post({ answers: [given] })).status).toBe(200)

    expect(await eventually(() => receiver.deduplicated().size === 1)).toBe(true)
    const [request] = receiver.received
    expect(request.key).toBe(`${given.id}:0`)
    expect(request.headers['content-type']).toBe('application/json')
    const expected = `sha256=${createHmac('sha256', SECRET).update(request.body).digest('hex')}`
    expect(request.headers['x-sayso-signature']).toBe(expected)
    expect(JSON.parse(request.body)).toEqual({ answer: given, survey: { id: 'nps-main', type: 'nps', question: 'Would you recommend us?' } })
    // A copy of the answer later posts nothing more.
    await eventually(async () => (await collector.hookStates())[0].delivered === 1)
    await collector.post({ answers: [given] })
    const states = await collector.hookStates()
    expect(states).toMatchObject([{ index: 0, format: 'json', signed: true, delivered: 1, pending: 0, failing: 0, givenUp: 0 }])
    expect(JSON.stringify(states)).not.toContain(SECRET)
    expect(receiver.received).toHaveLength(1)
  })

  it('posts to each hook only the answers its `when` holds for', async () => {
    const hooks: Hook[] = [
      { url: receiver.url, format: 'json', when: { surveyId: 'nps-main' } },
      { url: receiver.url, format: 'json', when: { segments: ['detractor'] } },
      { url: receiver.url, format: 'json', when: { withComment: true } },
      { url: receiver.url, format: 'json', when: { surveyId: 'csat-x', segments: ['low'], withComment: true } },
      { url: receiver.url, format: 'json' }
    ]
    const collector = await startHooked(database(), hooks)
    const given = {
      npsDetractor: answer({ score: 3, comment: 'Too slow' }),
      npsPromoter: answer({ score: 9 }),
      csatLow: answer({ surveyId: 'csat-x', type: 'csat', score: 2, comment: 'Broken box' }),
      csatHigh: answer({ surveyId: 'csat-x', type: 'csat', score: 5, comment: 'Great' }),
      cesLow: answer({ surveyId: 'ces-y', type: 'ces', score: 2 })
    }
    const wanted: [Answer, number[]][] = [
      [given.npsDetractor, [0, 1, 2, 4]],
      [given.npsPromoter, [0, 4]],
      [given.csatLow, [2, 3, 4]],
      [given.csatHigh, [2, 4]],
      [given.cesLow, [4]]
    ]
    expect((await collector.post({ answers: Object.values(given) })).status).toBe(200)
    const keys = wanted.flatMap(([posted, indexes]) => indexes.map((index) => `${posted.id}:${index}`))
    expect(await eventually(() => receiver.deduplicated().size >= keys.length)).toBe(true)
    expect([...receiver.deduplicated()].sort()).toEqual(keys.sort())
    // Nothing else waits to be posted either.
    const counts = async () => (await collector.hookStates()).map((state) => [state.delivered, state.pending, state.failing])
    const wantedCounts = [[2, 0, 0], [1, 0, 0], [3, 0, 0], [1, 0, 0], [5, 0, 0]]
    await eventually(async () => JSON.stringify(await counts()) === JSON.stringify(wantedCounts))
    expect(await counts()).toEqual(wantedCounts)
  })

  it('posts an open answer once it is complete, with its comment, without waiting for it to settle', async () => {
    const hooks: Hook[] = [{ url: receiver.url, format: 'json' }]
    const collector = await startHooked(database(), hooks, { settleMs: 20_000 })
    const opened = answer({ score: 4, complete: false })
    await collector.post({ answers: [opened] })
    await pause(100)
    expect(receiver.received).toHaveLength(0)
    const finished = Date.now()
    await collector.post({ answers: [{ ...opened, comment: 'Late parcel', complete: true }] })
    expect(await eventually(() => receiver.deduplicated().size === 1)).toBe(true)
    expect(receiver.received[0].at - finished).toBeLessThan(10_000)
    expect(bodiesOf(`${opened.id}:0`)).toEqual([expect.objectContaining({ answer: expect.objectContaining({ comment: 'Late parcel', complete: true }) })])
  })

  it('posts an answer left open once it settles, and a withComment hook only once its comment comes', async () => {
    const settleMs = 600
    const hooks: Hook[] = [
      { url: receiver.url, format: 'json' },
      { url: receiver.url, format: 'json', when: { withComment: true } }
    ]
    const collector = await startHooked(database(), hooks, { settleMs })
    const opened = answer({ score: 8, complete: false })
    const posted = Date.now()
    await collector.post({ answers: [opened] })
    expect(await eventually(() => receiver.deduplicated().size === 1)).toBe(true)
    expect(receiver.received[0].at - posted).toBeGreaterThanOrEqual(settleMs - 10)
    expect(bodiesOf(`${opened.id}:0`)).toEqual([expect.objectContaining({ answer: expect.not.objectContaining({ comment: expect.anything() }) })])
    await eventually(async () => (await collector.hookStates())[0].delivered === 1)
    expect((await collector.hookStates()).map((state) => [state.delivered, state.pending])).toEqual([[1, 0], [0, 0]])

    // The comment comes after the answer settled: the withComment hook gets it; the other was posted already.
    await collector.post({ answers: [{ ...opened, comment: 'Fine', complete: true }] })
    expect(await eventually(() => receiver.deduplicated().size === 2)).toBe(true)
    expect(bodiesOf(`${opened.id}:1`)).toEqual([expect.objectContaining({ answer: expect.objectContaining({ comment: 'Fine' }) })])
    expect(bodiesOf(`${opened.id}:0`)).toHaveLength(1)
  })

  it('tries a failing hook again with the same Idempotency-Key until it recovers, and shows it failing meanwhile', async () => {
    const collector = await startHooked(database(), [{ url: receiver.url, format: 'json' }])
    receiver.setMode('fail')
    const given = answer({ score: 2 })
    await collector.post({ answers: [given] })
    expect(await eventually(() => receiver.received.length >= 3)).toBe(true)
    const [failing] = await collector.hookStates()
    expect(failing).toMatchObject({ delivered: 0, failing: 1, lastError: 'HTTP 500: receiver broken' })
    expect(Date.parse(failing.lastErrorAt as string)).toBeGreaterThan(Date.now() - 10_000)

    receiver.setMode('ok')
    expect(await eventually(() => receiver.deduplicated().size === 1)).toBe(true)
    expect(new Set(receiver.received.map((entry) => entry.key))).toEqual(new Set([`${given.id}:0`]))
    expect(new Set(receiver.received.map((entry) => entry.body)).size).toBe(1)
    await eventually(async () => (await collector.hookStates())[0].delivered === 1)
    expect(await collector.hookStates()).toMatchObject([{ delivered: 1, failing: 0, lastError: 'HTTP 500: receiver broken' }])
  })

  it('waits what a busy receiver’s Retry-After asks, and takes a redirect for a failure', async () => {
    // Retry-After counts up to the cap of the waits.
    const collector = await startHooked(database(), [{ url: receiver.url, format: 'json' }], { backoff: { baseMs: 20, capMs: 5000, giveUpMs: 60_000 } })
    receiver.setMode('busy')
    await collector.post({ answers: [answer({ score: 5 })] })
    expect(await eventually(() => receiver.received.length === 1)).toBe(true)
    receiver.setMode('redirect')
    expect(await eventually(() => receiver.received.length === 2)).toBe(true)
    // The backoff alone would have come back within 30 ms.
    expect(receiver.received[1].at - receiver.received[0].at).toBeGreaterThanOrEqual(990)
    expect(await eventually(async () => (await collector.hookStates())[0].lastError === 'HTTP 302')).toBe(true)
    expect((await collector.hookStates())[0]).toMatchObject({ delivered: 0, failing: 1 })
  })

  it('gives a hanging receiver up after the timeout, posts to the others meanwhile, and tries it again', async () => {
    const other = await startReceiver()
    try {
      const hooks: Hook[] = [
        { url: receiver.url, format: 'json' },
        { url: other.url, format: 'json' }
      ]
      const timeoutMs = 4000
      const collector = await startHooked(database(), hooks, { timeoutMs })
      receiver.setMode('hang')
      const given = answer({ score: 1 })
      await collector.post({ answers: [given] })
      expect(await eventually(() => other.deduplicated().size === 1)).toBe(true)
      // Posted while the first request still hung, before its timeout.
      expect(receiver.received).toHaveLength(1)
      expect(other.received[0].at - receiver.received[0].at).toBeLessThan(timeoutMs)
      expect(await eventually(async () => (await collector.hookStates())[0].lastError === `no answer within ${timeoutMs} ms`)).toBe(true)
      receiver.setMode('ok')
      expect(await eventually(() => receiver.deduplicated().size === 1)).toBe(true)
      await eventually(async () => (await collector.hookStates())[0].delivered === 1)
      expect(await collector.hookStates()).toMatchObject([{ delivered: 1 }, { delivered: 1 }])
    } finally {
      await other.close()
    }
  })

  it('gives a delivery up when its hook has failed for the whole retry window, keeping the last error', async () => {
    const collector = await startHooked(database(), [{ url: receiver.url, format: 'json' }], { backoff: { baseMs: 20, capMs: 50, giveUpMs: 300 } })
    receiver.setMode('fail')
    await collector.post({ answers: [answer({ score: 0 })] })
    expect(await eventually(async () => (await collector.hookStates())[0].givenUp === 1)).toBe(true)
    const tries = receiver.received.length
    expect(tries).toBeGreaterThan(1)
    receiver.setMode('ok')
    await pause(300)
    expect(receiver.received).toHaveLength(tries)
    expect(await collector.hookStates()).toMatchObject([{ delivered: 0, pending: 0, failing: 0, givenUp: 1, lastError: 'HTTP 500: receiver broken' }])
  })

  it('survives a restart: what one collector could not post, the next one on the database posts, under the same keys', async () => {
    const settleMs = 1500
    const hooks: Hook[] = [{ url: receiver.url, format: 'json' }]
    const file = database()
    // A lease as long as a real one (45 s): only handing the claim back lets the next collector post it at once.
    const first = await startHooked(file, hooks, { settleMs, timeoutMs: 20_000 })
    receiver.setMode('fail')
    const failing = [answer({ score: 1 }), answer({ score: 5 }), answer({ score: 10 })]
    const open = answer({ score: 6, complete: false })
    await first.post({ answers: [...failing, open] })
    expect(await eventually(() => failing.every((given) => receiver.received.some((entry) => entry.key === `${given.id}:0`)))).toBe(true)
    // One more, its request hanging when the collector stops: the stop hands it back at once.
    receiver.setMode('hang')
    const hanging = answer({ score: 7 })
    await first.post({ answers: [hanging] })
    expect(await eventually(() => receiver.received.some((entry) => entry.key === `${hanging.id}:0`))).toBe(true)
    const stopping = Date.now()
    await first.close()
    expect(Date.now() - stopping).toBeLessThan(5000)

    receiver.setMode('ok')
    const second = await startHooked(file, hooks, { settleMs, timeoutMs: 20_000 })
    const keys = [...failing, open, hanging].map((given) => `${given.id}:0`)
    expect(await eventually(() => receiver.deduplicated().size === keys.length)).toBe(true)
    expect([...receiver.deduplicated()].sort()).toEqual(keys.sort())
    expect(receiver.received.every((entry) => keys.includes(entry.key))).toBe(true)
    for (const key of keys) expect(new Set(receiver.received.filter((entry) => entry.key === key).map((entry) => entry.body)).size).toBe(1)
    await eventually(async () => (await second.hookStates())[0].delivered === keys.length)
    expect((await second.hookStates())[0]).toMatchObject({ delivered: keys.length, pending: 0, failing: 0 })
  })

  it('records a delivery in the transaction of its answer: when it cannot be recorded, the answer is not stored either', async () => {
    const file = database()
    const collector = await startHooked(file, [{ url: receiver.url, format: 'json' }])
    const refuse = file.startsWith('postgres')
      ? `CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused'; END $$;
         CREATE TRIGGER refuse BEFORE INSERT ON hook_deliveries FOR EACH ROW EXECUTE FUNCTION refuse()`
      : `CREATE TRIGGER refuse BEFORE INSERT ON hook_deliveries BEGIN SELECT RAISE(ABORT, 'refused'); END`
    await onDatabase(file, refuse)
    const lost = answer({ score: 2 })
    expect((await collector.post({ answers: [lost] })).status).toBe(500)
    expect((await (await collector.read('/api/answers')).json()).answers).toEqual([])

    await onDatabase(file, 'DROP TRIGGER refuse' + (file.startsWith('postgres') ? ' ON hook_deliveries' : ''))
    expect((await collector.post({ answers: [lost] })).status).toBe(200)
    expect(await eventually(() => receiver.deduplicated().size === 1)).toBe(true)
  })

  it('posts Slack’s { text } with the score, the segment, the comment and the page, escaping the visitor’s text', async () => {
    const collector = await startHooked(database(), [{ url: receiver.url, format: 'slack' }])
    await collector.post({ answers: [answer({ score: 2, comment: '<!channel> broke & <b>', url: 'https://shop.example/p?a=1&b=<2>' })] })
    expect(await eventually(() => receiver.deduplicated().size === 1)).toBe(true)
    const { text } = JSON.parse(receiver.received[0].body)
    expect(text).toBe('*NPS 2* (detractor) on nps-main\n> &lt;!channel&gt; broke &amp; &lt;b&gt;\nPage: https://shop.example/p?a=1&amp;b=&lt;2&gt;')
  })
})
