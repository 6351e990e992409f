import { rowToAnswer, type Row } from '../store/store'
import type { ClaimedDelivery, HookCounts } from './hook'

// Rows as either database returns them: PostgreSQL gives BIGINT and SUM as text.
type Whole = number | string | null

export interface ClaimedRow {
  answer_id: string
  hook_index: number
  hook_url: string
  attempts: number
  first_tried_at: Whole
  claim: string
}

export interface CountsRow {
  hook_index: number
  delivered: Whole
  pending: Whole
  failing: Whole
  given_up: Whole
  last_delivered_at: Whole
}

export interface LastErrorRow {
  hook_index: number
  last_error: string
  last_error_at: Whole
}

const iso = (ms: Whole) => (ms === null ? undefined : new Date(Number(ms)).toISOString())

/** Claimed rows with their answers; a claim whose answer is gone is left out (its row went with it). */
export const toClaimed = (rows: ClaimedRow[], answers: Row[]): ClaimedDelivery[] => {
  const byId = new Map(answers.map((row) => [row.id, row]))
  return rows.flatMap((row) => {
    const answer = byId.get(row.answer_id)
    if (!answer) return []
    return [{ answer: rowToAnswer(answer), hookIndex: row.hook_index, hookUrl: row.hook_url, attempts: row.attempts, firstTriedAt: Number(row.first_tried_at), claim: row.claim }]
  })
}

export const toCounts = (counts: CountsRow[], errors: LastErrorRow[]): HookCounts[] =>
  counts.map((row) => {
    const error = errors.find((candidate) => candidate.hook_index === row.hook_index)
    const lastDeliveredAt = iso(row.last_delivered_at)
    return {
      hookIndex: row.hook_index,
      delivered: Number(row.delivered),
      pending: Number(row.pending),
      failing: Number(row.failing),
      givenUp: Number(row.given_up),
      ...(error && { lastError: error.last_error, lastErrorAt: iso(error.last_error_at) }),
      ...(lastDeliveredAt && { lastDeliveredAt })
    }
  })

/** The listeners told when deliveries were recorded. */
export const createListeners = () => {
  const listeners = new Set<() => void>()
  return {
    add(listener: () => void) {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },
    tell() {
      for (const listener of listeners) listener()
    },
    get size() {
      return listeners.size
    }
  }
}
