import { createHash, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'

const digest = (text: string) => createHash('sha256').update(text).digest()

/**
 * Whether a request carries the dashboard token as `Authorization: Bearer …`, the
 * only place it is read from: never the address, which logs and history keep.
 * Compared as digests in constant time, so that neither the token's characters nor
 * its length can be timed.
 */
export const bearerToken = (token: string) => {
  const wanted = digest(token)
  return (request: IncomingMessage): boolean => {
    const given = /^Bearer +(\S+) *$/i.exec(request.headers.authorization ?? '')?.[1]
    return given !== undefined && timingSafeEqual(digest(given), wanted)
  }
}
