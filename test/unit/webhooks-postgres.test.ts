// @vitest-environment node
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { createHookWorker } from '../../collector/hooks/create-hook-worker'
import { createStoreWithHooks } from '../../collector/hooks/create-store-with-hooks'
import type { Hook, HookLedger } from '../../collector/hooks/hook'
import { makeAnswer } from './helpers'
import { startCollector } from './running-collector'
import { eventually, startReceiver } from './webhook-receiver'
import { FAST, startHooked, webhookDatabases } from './webhooks-running'

// Several collectors behind a load balancer share one PostgreSQL, and so its hook deliveries.
const { databases, cleanUp, postgres } = webhookDatabases()
afterAll(cleanUp)
const database = databases.find(([name]) => name === 'PostgreSQL')?.[1]

/** A collector with its worker, whose ledger counts the deliveries this worker made. */
const startOne = async (url: string, hooks: Hook[]) => {
  const store = await createStoreWithHooks(url, { hooks })
  const collector = await startCollector({ store, hooks })
  let delivered = 0
  const ledger: HookLedger = {
    ...store.hooks!,
    delivered(delivery, now) {
      delivered++
      return store.hooks!.delivered(delivery, now)
    }
  }
  const worker = createHookWorker({ hooks, ledger, backoff: FAST, concurrency: 4 })
  return {
    ...collector,
    delivered: () => delivered,
    async close() {
      await collector.close()
      await worker.close()
      await store.close()
    }
  }
}

describe.skipIf(!postgres)('two collectors on one PostgreSQL', () => {
  it('share a batch of hook deliveries, and never post one of them twice at the same time', async () => {
    // Each request takes a while, so that both workers have several under way at once.
    const receiver = await startReceiver({ delayMs: 40 })
    const hooks: Hook[] = [{ url: receiver.url, format: 'json' }]
    const url = database!()
    const one = await startOne(url, hooks)
    const two = await startOne(url, hooks)
    try {
      const answers = Array.from({ length: 80 }, (_, index) => makeAnswer({ score: index % 11 }))
      // All posted to one collector: the other hears of them by NOTIFY and competes for them.
      for (let from = 0; from < answers.length; from += 20) expect((await one.post({ answers: answers.slice(from, from + 20) })).status).toBe(200)
      const keys = answers.map((answer) => `${answer.id}:0`)
      expect(await eventually(() => receiver.deduplicated().size === keys.length, 30_000)).toBe(true)
      expect([...receiver.deduplicated()].sort()).toEqual(keys.sort())
      expect(receiver.mostAtOnce()).toBe(1)
      // Each was posted once: a lease is only taken over once it has run out.
      expect(receiver.received).toHaveLength(keys.length)
      await eventually(() => one.delivered() + two.delivered() === keys.length)
      expect(one.delivered() + two.delivered()).toBe(keys.length)
      expect(two.delivered()).toBeGreaterThan(0)
      expect(one.delivered()).toBeGreaterThan(0)
    } finally {
      await one.close()
      await two.close()
      await receiver.close()
    }
  })
})

// The cluster that tests may stop, as in database-restart.test.ts (never the shared server).
const restartUrl = process.env.SAYSO_TEST_POSTGRES_RESTART
const cluster = process.env.SAYSO_TEST_POSTGRES_RESTART_CLUSTER?.split(/\s+/)
const run = promisify(execFile)

describe.runIf(restartUrl && cluster)('webhooks while PostgreSQL restarts', () => {
  const schema = `sayso_hooks_restart_${process.pid}_${Date.now()}`
  afterAll(async () => {
    await run('pg_ctlcluster', [...cluster!, 'start']).catch(() => {})
    const client = new pg.Client(restartUrl)
    await client.connect()
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
    await client.end()
  })

  it('keeps its deliveries through the outage and posts them all once the database is back', async () => {
    const receiver = await startReceiver()
    try {
      const url = `${restartUrl}${restartUrl!.includes('?') ? '&' : '?'}schema=${schema}`
      const collector = await startHooked(url, [{ url: receiver.url, format: 'json' }], { backoff: { baseMs: 200, capMs: 1000, giveUpMs: 600_000 } })
      receiver.setMode('fail')
      const before = [makeAnswer({ score: 1 }), makeAnswer({ score: 2 })]
      expect((await collector.post({ answers: before })).status).toBe(200)
      expect(await eventually(() => receiver.received.length >= 4)).toBe(true)
      // Down while its deliveries fail: the worker can neither record an outcome nor claim.
      await run('pg_ctlcluster', [...cluster!, 'stop', '-m', 'fast'])
      expect((await collector.post({ answers: [makeAnswer()] })).status).toBe(503)
      receiver.setMode('ok')
      await new Promise((resume) => setTimeout(resume, 3000))
      await run('pg_ctlcluster', [...cluster!, 'start'])
      // Back by itself: nothing new is posted that would wake the worker.
      const keys = before.map((answer) => `${answer.id}:0`)
      expect(await eventually(() => receiver.deduplicated().size === keys.length, 30_000)).toBe(true)
      const after = makeAnswer({ score: 9 })
      expect(await eventually(async () => (await collector.post({ answers: [after] })).status === 200, 20_000)).toBe(true)
      keys.push(`${after.id}:0`)
      expect(await eventually(() => receiver.deduplicated().size === keys.length, 30_000)).toBe(true)
      expect([...receiver.deduplicated()].sort()).toEqual(keys.sort())
      await collector.close()
    } finally {
      await receiver.close()
    }
  }, 90_000)
})
