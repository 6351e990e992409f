// The bounds of docs/delivery.md, in one place.

/** At most this many answers wait per endpoint… */
export const MAX_COUNT = 200
/** …taking at most this many bytes… */
export const MAX_BYTES = 256 * 1024
/** …each at most this large… */
export const MAX_ANSWER_BYTES = 16 * 1024
/** …and none older than 7 days. */
export const MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000
/** At most this many bytes of answers in one request. */
export const BATCH_BYTES = 32 * 1024
/** sayso's own share of the browser's 64 KiB for keepalive requests in flight. */
export const KEEPALIVE_BYTES = 32 * 1024
/** A request not answered by then is given up and retried. */
export const TIMEOUT_MS = 15_000
/** A tab sending a batch keeps others off it this long (past the timeout, so a dead tab's claim lapses). */
export const CLAIM_MS = 20_000
/** What an unloading page leaves (sent by keepalive or beacon, or not) is left alone this long. */
export const LEAVE_CLAIM_MS = 3_000
/** While another tab sends, this one looks again after this long. */
export const LOCKED_RETRY_MS = 5_000
/** The longest wait between attempts; a longer `Retry-After` waits for the next page load. */
export const MAX_WAIT_MS = 300_000
/** A new answer is sent this soon, so that answers chosen together travel together. */
export const SOON_MS = 300

/** How many bytes a value takes as JSON in UTF-8. */
export const byteLength = (value: unknown): number => new Blob([JSON.stringify(value)]).size

/** `min(300 s, 1 s × 2^attempt) × random(0.5…1.5)` */
export const backoff = (attempt: number, random = Math.random()): number =>
  Math.min(MAX_WAIT_MS, 1000 * 2 ** attempt) * (0.5 + random)
