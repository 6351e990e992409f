import type pg from 'pg'
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible'
import { limitKey } from './client-address'

export interface RateLimitOptions {
  /** Requests per client address and window (`RATE_LIMIT`, a minute); 0 turns the limit off. */
  limit: number
  /** The window, a minute unless given (shorter in tests and the bench). */
  windowMs?: number
  /** PostgreSQL: the collectors that share this database share the limits (table `rate_limits`). */
  pool?: pg.Pool
  /**
   * At most this many addresses are remembered a window. In a flood of more, the
   * addresses not yet known share one allowance, so memory stays bounded (about
   * 420 bytes an address) while the addresses already known keep their own.
   */
  maxAddresses?: number
}

export interface RateLimit {
  /** 0 when the address may go on; else the seconds it should wait (for Retry-After). */
  take(address: string): Promise<number>
}

/** The key of the allowance that addresses share past `maxAddresses`. */
const CROWD = 'crowd'

/**
 * A fixed window (a minute) per client address, by rate-limiter-flexible. In
 * memory each address is forgotten when its window ends. With PostgreSQL the
 * counts live in the database (expired rows are deleted hourly) and fall back to
 * memory, without the bound on addresses, while the database cannot be reached.
 */
export const createRateLimit = ({ limit, windowMs = 60_000, pool, maxAddresses = 100_000 }: RateLimitOptions): RateLimit => {
  if (!limit) return { take: async () => 0 }
  const memory = new RateLimiterMemory({ points: limit, duration: windowMs / 1000 })
  const limiter: RateLimiterAbstract = pool
    ? new RateLimiterPostgres({
        storeClient: pool,
        storeType: 'pool',
        tableName: 'rate_limits',
        tableCreated: true,
        points: limit,
        duration: windowMs / 1000,
        insuranceLimiter: memory
      })
    : memory

  // New addresses seen in this window and the one before: an upper bound of those remembered.
  let arrivals = { start: 0, fresh: 0, before: 0 }
  const remembered = (now: number) => {
    if (now - arrivals.start >= windowMs) {
      const before = now - arrivals.start < 2 * windowMs ? arrivals.fresh : 0
      arrivals = { start: now, fresh: 0, before }
    }
    return arrivals.fresh + arrivals.before
  }
  const keyOf = async (address: string) => {
    const key = limitKey(address)
    if (pool || (await memory.get(key))) return key
    if (remembered(Date.now()) >= maxAddresses) return CROWD
    arrivals.fresh++
    return key
  }

  return {
    async take(address) {
      try {
        await limiter.consume(await keyOf(address))
        return 0
      } catch (refusal) {
        if (refusal instanceof RateLimiterRes) return Math.max(1, Math.ceil(refusal.msBeforeNext / 1000))
        throw refusal
      }
    }
  }
}
