import { randomUUID } from 'node:crypto'
import pg from 'pg'
import { rowToAnswer, type Row } from '../store/store'
import { transaction } from '../store/postgres-transaction'
import type { ClaimedDelivery, HookLedger } from './hook'
import { countsSql, deliveredSql, failedSql, lastErrorsSql, nextDueSql, numbered, postgresClaimSql, postgresSchema, recordSql, releaseSql } from './hooks-sql'
import { createListeners, toClaimed, toCounts, type ClaimedRow, type CountsRow, type LastErrorRow } from './ledger-rows'
import { planDeliveries, SETTLE_MS } from './plan-deliveries'
import type { HookSettings } from './sqlite-hooks'

/** What the PostgreSQL store runs with its answers: `record` inside each batch's transaction. */
export interface PostgresHookBinding {
  /** Makes the table, once the store's own schema is there. */
  prepare(): Promise<void>
  record(client: pg.PoolClient, ids: string[], now: number): Promise<void>
  /** After the batch's transaction committed: tells this process's worker. */
  recorded(): void
  ledger: HookLedger
  close(): Promise<void>
}

const RELISTEN_MS = 1000

/**
 * The hook deliveries beside the answers in PostgreSQL, where several collectors may
 * claim them at once (row locks skipped, then a lease: hooks-sql.ts). Each batch that
 * records deliveries also sends a NOTIFY on commit, so that every collector on the
 * database hears of them, not only the one that stored them.
 */
export const postgresHooks =
  ({ hooks, settleMs = SETTLE_MS }: HookSettings) =>
  (pool: pg.Pool): PostgresHookBinding => {
    const listeners = createListeners()
    let listening: pg.PoolClient | undefined
    let relisten: NodeJS.Timeout | undefined
    let state: 'open' | 'closed' = 'open'
    // A function, so that TypeScript does not take the state as fixed across an await.
    const isOpen = () => state === 'open'
    // Per schema: collectors of other schemas on the same database are not woken. Asked once.
    let channelName: string | undefined
    const channel = async (client: pg.ClientBase) => {
      channelName ??= `sayso_hooks_${(await client.query('SELECT current_schema() AS schema')).rows[0].schema}`
      return channelName
    }

    // One connection held for LISTEN, opened when the worker first listens; lost, it is opened
    // again a second later, and the worker is told then, for what it may have missed.
    const listen = async () => {
      if (!isOpen() || listening) return
      let client: pg.PoolClient | undefined
      try {
        client = await pool.connect()
        const held = client
        held.on('notification', listeners.tell)
        held.on('error', () => {
          if (listening === held) listening = undefined
          held.release(true)
          if (isOpen()) relisten = setTimeout(listen, RELISTEN_MS).unref()
        })
        await held.query(`LISTEN ${pg.escapeIdentifier(await channel(held))}`)
        if (!isOpen()) {
          held.release(true)
          return
        }
        listening = held
        listeners.tell()
      } catch {
        client?.release(true)
        if (isOpen()) relisten = setTimeout(listen, RELISTEN_MS).unref()
      }
    }
    const ofClaim = (delivery: ClaimedDelivery) => [delivery.answer.id, delivery.hookIndex, delivery.claim]
    const answersOf = async (client: pg.ClientBase | pg.Pool, ids: string[]) =>
      (await client.query('SELECT * FROM answers WHERE id = ANY($1)', [ids])).rows as Row[]

    return {
      prepare: () =>
        transaction(pool, async (client) => {
          await client.query(`SELECT pg_advisory_xact_lock(hashtext('sayso hook deliveries'))`)
          await client.query(postgresSchema)
        }),
      async record(client, ids, now) {
        const planned = (await answersOf(client, ids)).flatMap((row) => planDeliveries(hooks, rowToAnswer(row), now, settleMs))
        if (!planned.length) return
        const params = planned.flatMap((delivery) => [delivery.answerId, delivery.hookIndex, delivery.hookUrl, delivery.dueAt])
        // The NOTIFY in the same statement: it goes out when the transaction commits, and not at all if it fails.
        const notify = `WITH recorded AS (${recordSql(planned.length)} RETURNING 1) SELECT pg_notify(?, NULL) FROM (SELECT 1 FROM recorded LIMIT 1) AS any_recorded`
        await client.query(numbered(notify), [...params, await channel(client)])
      },
      recorded: () => listeners.tell(),
      ledger: {
        async claim(limit, now, leaseMs) {
          const { rows } = await pool.query(postgresClaimSql, [now + leaseMs, randomUUID(), now, now, now, limit])
          if (!rows.length) return []
          return toClaimed(rows as ClaimedRow[], await answersOf(pool, rows.map((row) => row.answer_id)))
        },
        async delivered(delivery, now) {
          await pool.query(numbered(deliveredSql), [now, now, ...ofClaim(delivery)])
        },
        async failed(delivery, error, now, retryAt) {
          const state = retryAt === undefined ? 'given-up' : 'pending'
          await pool.query(numbered(failedSql), [state, retryAt ?? now, error, now, now, ...ofClaim(delivery)])
        },
        async release(delivery) {
          await pool.query(numbered(releaseSql), ofClaim(delivery))
        },
        async nextDue() {
          const { rows } = await pool.query(nextDueSql)
          return rows[0].next === null ? undefined : Number(rows[0].next)
        },
        async counts() {
          const [counts, errors] = await Promise.all([pool.query(countsSql), pool.query(lastErrorsSql)])
          return toCounts(counts.rows as CountsRow[], errors.rows as LastErrorRow[])
        },
        onRecorded(listener) {
          const unbind = listeners.add(listener)
          void listen()
          return unbind
        }
      },
      async close() {
        state = 'closed'
        clearTimeout(relisten)
        listening?.release(true)
        listening = undefined
      }
    }
  }
