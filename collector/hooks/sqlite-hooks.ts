import { randomUUID } from 'node:crypto'
import type Database from 'better-sqlite3'
import type { Row } from '../store/store'
import { rowToAnswer } from '../store/store'
import type { ClaimedDelivery, Hook, HookLedger } from './hook'
import { countsSql, deliveredSql, failedSql, lastErrorsSql, nextDueSql, recordSql, releaseSql, sqliteClaimSql, sqliteSchema } from './hooks-sql'
import { createListeners, toClaimed, toCounts, type ClaimedRow, type CountsRow, type LastErrorRow } from './ledger-rows'
import { planDeliveries, SETTLE_MS } from './plan-deliveries'

/** What the SQLite store runs with its answers: `record` inside each batch's transaction. */
export interface SqliteHookBinding {
  record(ids: string[], now: number): void
  ledger: HookLedger
}

export interface HookSettings {
  hooks: Hook[]
  /** WEBHOOK_SETTLE_MS. */
  settleMs?: number
}

/**
 * The hook deliveries in the SQLite store's own file and connection (one writer): the
 * store calls `record` in the transaction that stores a batch, so a delivery exists
 * exactly when its answer does.
 */
export const sqliteHooks =
  ({ hooks, settleMs = SETTLE_MS }: HookSettings) =>
  (db: Database.Database): SqliteHookBinding => {
    db.exec(sqliteSchema)
    const answerById = db.prepare('SELECT * FROM answers WHERE id = ?')
    const recordOne = db.prepare(recordSql(1))
    const claimDue = db.prepare(sqliteClaimSql)
    const markDelivered = db.prepare(deliveredSql)
    const markFailed = db.prepare(failedSql)
    const releaseClaim = db.prepare(releaseSql)
    const nextDueAt = db.prepare(nextDueSql)
    const listeners = createListeners()
    const ofClaim = (delivery: ClaimedDelivery) => [delivery.answer.id, delivery.hookIndex, delivery.claim]
    const claim = db.transaction((limit: number, now: number, leaseMs: number) => {
      const rows = claimDue.all(now + leaseMs, randomUUID(), now, now, now, limit) as ClaimedRow[]
      return toClaimed(rows, rows.map((row) => answerById.get(row.answer_id) as Row))
    })

    return {
      record(ids, now) {
        let recorded = 0
        for (const id of ids) {
          for (const planned of planDeliveries(hooks, rowToAnswer(answerById.get(id) as Row), now, settleMs)) {
            recordOne.run(planned.answerId, planned.hookIndex, planned.hookUrl, planned.dueAt)
            recorded++
          }
        }
        // Told once the transaction around this call has committed.
        if (recorded) queueMicrotask(listeners.tell)
      },
      ledger: {
        claim: async (limit, now, leaseMs) => claim(limit, now, leaseMs),
        async delivered(delivery, now) {
          markDelivered.run(now, now, ...ofClaim(delivery))
        },
        async failed(delivery, error, now, retryAt) {
          const state = retryAt === undefined ? 'given-up' : 'pending'
          markFailed.run(state, retryAt ?? now, error, now, now, ...ofClaim(delivery))
        },
        async release(delivery) {
          releaseClaim.run(...ofClaim(delivery))
        },
        async nextDue() {
          const { next } = nextDueAt.get() as { next: number | null }
          return next ?? undefined
        },
        counts: async () => toCounts(db.prepare(countsSql).all() as CountsRow[], db.prepare(lastErrorsSql).all() as LastErrorRow[]),
        onRecorded: listeners.add
      }
    }
  }
