/**
 * A token bucket per client address: each address may make `perMinute`
 * requests a minute, in bursts of as many. `take` says how long to wait (in
 * whole seconds, for Retry-After) when the bucket is empty, else 0.
 */
export const createRateLimit = (perMinute: number, now = () => Date.now()) => {
  const buckets = new Map<string, { tokens: number; at: number }>()
  const refill = perMinute / 60_000
  return {
    take(address: string): number {
      if (!perMinute) return 0
      const time = now()
      const bucket = buckets.get(address) ?? { tokens: perMinute, at: time }
      bucket.tokens = Math.min(perMinute, bucket.tokens + (time - bucket.at) * refill)
      bucket.at = time
      // Full buckets are forgotten, so that the map holds only recent, busy addresses.
      if (buckets.size > 10_000) for (const [key, { tokens }] of buckets) if (tokens >= perMinute) buckets.delete(key)
      buckets.set(address, bucket)
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1
        return 0
      }
      return Math.max(1, Math.ceil((1 - bucket.tokens) / refill / 1000))
    }
  }
}
