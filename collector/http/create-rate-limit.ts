import type pg from 'pg'
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible'
import { limitKey } from './client-address'

export interface RateLimitOptions {
  /** Requests a minute per client address; 0 turns the limit off. */
  perMinute: number
  /** PostgreSQL: the collectors that share this database share the limits (table `rate_limits`). */
  pool?: pg.Pool
  /**
   * At most this many addresses are remembered a minute. In a flood of more, the
   * addresses not yet known share one allowance, so memory stays bounded (about
   * 420 bytes an address) while the addresses already known keep their own.
   */
  maxAddresses?: number
}

export interface RateLimit {
  /** 0 when the address may go on; else the seconds it should wait (for Retry-After). */
  take(address: string): Promise<number>
}

const MINUTE_MS = 60_000
/** The key of the allowance that addresses share past `maxAddresses`. */
const CROWD = 'crowd'

/**
 * A fixed window of a minute per client address, by rate-limiter-flexible. In
 * memory each address is forgotten a minute after its window started; with
 * PostgreSQL the counts live in the database (expired rows are deleted hourly) and
 * fall back to memory while the database cannot be reached.
 */
export const createRateLimit = ({ perMinute, pool, maxAddresses = 100_000 }: RateLimitOptions): RateLimit => {
  if (!perMinute) return { take: async () => 0 }
  const memory = new RateLimiterMemory({ points: perMinute, duration: MINUTE_MS / 1000 })
  const limiter: RateLimiterAbstract = pool
    ? new RateLimiterPostgres({
        storeClient: pool,
        storeType: 'pool',
        tableName: 'rate_limits',
        tableCreated: true,
        points: perMinute,
        duration: MINUTE_MS / 1000,
        insuranceLimiter: memory
      })
    : memory

  // New addresses seen in this minute and the one before: an upper bound of those remembered.
  let minute = { start: 0, fresh: 0, before: 0 }
  const remembered = (now: number) => {
    if (now - minute.start >= MINUTE_MS) {
      const before = now - minute.start < 2 * MINUTE_MS ? minute.fresh : 0
      minute = { start: now, fresh: 0, before }
    }
    return minute.fresh + minute.before
  }
  const keyOf = async (address: string) => {
    const key = limitKey(address)
    if (pool || (await memory.get(key))) return key
    if (remembered(Date.now()) >= maxAddresses) return CROWD
    minute.fresh++
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
