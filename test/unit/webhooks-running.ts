import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { createHookWorker } from '../../collector/hooks/create-hook-worker'
import { createStoreWithHooks } from '../../collector/hooks/create-store-with-hooks'
import type { Hook } from '../../collector/hooks/hook'
import type { Backoff } from '../../collector/hooks/next-attempt'
import { startCollector } from './running-collector'

/** Short waits, so that a test sees several tries in a second. */
export const FAST: Backoff = { baseMs: 20, capMs: 200, giveUpMs: 60_000 }

const postgres = process.env.SAYSO_TEST_POSTGRES
const prefix = `sayso_hooks_${process.pid}_${Date.now()}`
let made = 0

/** Both databases (PostgreSQL when SAYSO_TEST_POSTGRES names one): each call gives a fresh, empty one. */
export const webhookDatabases = () => {
  const files = mkdtempSync(join(tmpdir(), 'sayso-hooks-'))
  const databases: [string, () => string][] = [['SQLite', () => join(files, `${randomUUID()}.db`)]]
  if (postgres) databases.push(['PostgreSQL', () => `${postgres}${postgres.includes('?') ? '&' : '?'}schema=${prefix}_${++made}`])
  else console.log('PostgreSQL webhook tests skipped: set SAYSO_TEST_POSTGRES=postgres://… to run them')
  const cleanUp = async () => {
    rmSync(files, { recursive: true, force: true })
    if (!postgres) return
    const client = new pg.Client(postgres)
    await client.connect()
    const { rows } = await client.query(`SELECT nspname FROM pg_namespace WHERE nspname LIKE $1`, [`${prefix}%`])
    for (const { nspname } of rows) await client.query(`DROP SCHEMA ${pg.escapeIdentifier(nspname)} CASCADE`)
    await client.end()
  }
  return { databases, cleanUp, postgres }
}

export interface HookedOptions {
  settleMs?: number
  backoff?: Backoff
  timeoutMs?: number
  surveys?: unknown[]
}

const running = new Set<{ close(): Promise<void> }>()

/** The collector with hooks, as `npm start` runs it: the store recording deliveries, the routes, the worker. */
export const startHooked = async (database: string, hooks: Hook[], { settleMs = 60_000, backoff = FAST, timeoutMs = 2000, surveys }: HookedOptions = {}) => {
  const store = await createStoreWithHooks(database, { hooks, settleMs })
  const collector = await startCollector({ store, hooks, surveys })
  const worker = createHookWorker({ hooks, ledger: store.hooks!, backoff, timeoutMs, surveys })
  const hooked = {
    ...collector,
    /** What `GET /api/hooks` says. */
    hookStates: async () => (await (await collector.read('/api/hooks')).json()).hooks as Record<string, unknown>[],
    async close() {
      running.delete(hooked)
      await collector.close()
      await worker.close()
      await store.close()
    }
  }
  running.add(hooked)
  return hooked
}

/** Closes whatever a failed test left running. */
export const closeAll = async () => {
  for (const hooked of [...running]) await hooked.close()
}
