// RELIABILITY.md's bounds, in one place.

/** At most this many bytes of answers in one request. */
export const BATCH_BYTES = 32 * 1024
/** The longest wait between attempts; a longer `Retry-After` waits for the next page load. */
export const MAX_WAIT_MS = 300_000
/** A new answer is sent this soon, so that answers chosen together travel together. */
export const SOON_MS = 300

export const byteLength = (value: unknown): number => new TextEncoder().encode(JSON.stringify(value)).length

/** `min(300 s, 1 s × 2^attempt) × random(0.5…1.5)` */
export const backoff = (attempt: number, random = Math.random()): number =>
  Math.min(MAX_WAIT_MS, 1000 * 2 ** attempt) * (0.5 + random)
