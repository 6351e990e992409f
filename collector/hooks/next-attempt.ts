/** How the worker spaces the tries of a failing delivery (all in ms). */
export interface Backoff {
  /** The first wait; each failure doubles it. */
  baseMs: number
  /** The longest wait between two tries. */
  capMs: number
  /** How long after the first try a delivery is given up. */
  giveUpMs: number
}

export const BACKOFF: Backoff = { baseMs: 1000, capMs: 10 * 60_000, giveUpMs: 24 * 3_600_000 }

/**
 * When to try again after `attempts` failures (this one included): `min(cap, base × 2^(attempts − 1))`
 * × random(0.5…1.5), so that deliveries failing together do not all come back together; never
 * sooner than the receiver's `Retry-After`. Undefined once the 24 hours are over: given up.
 */
export const nextAttempt = (backoff: Backoff, attempts: number, firstTriedAt: number, now: number, retryAfterMs = 0, random = Math.random) => {
  const wait = Math.min(backoff.capMs, backoff.baseMs * 2 ** Math.min(attempts - 1, 30)) * (0.5 + random())
  const at = now + Math.max(wait, Math.min(retryAfterMs, backoff.capMs))
  return at - firstTriedAt > backoff.giveUpMs ? undefined : Math.round(at)
}
