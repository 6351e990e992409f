import { MAX_BATCH } from '../transport/wire-limits'

/** RELIABILITY.md's bounds, in one place. */
export const limits = {
  batchCount: MAX_BATCH,
  batchBytes: 32 * 1024,
  maxWaitMs: 300_000,
  soonMs: 300
}

export const byteLength = (value: unknown): number => new TextEncoder().encode(JSON.stringify(value)).length

/** `min(300 s, 1 s × 2^attempt) × random(0.5…1.5)` */
export const backoff = (attempt: number, random = Math.random()): number =>
  Math.min(limits.maxWaitMs, 1000 * 2 ** attempt) * (0.5 + random)
