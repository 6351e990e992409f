import { isIP } from 'node:net'
import type { IncomingMessage } from 'node:http'

/**
 * The client's address for the rate limit. With `trustedHops` proxies in front
 * (`TRUST_PROXY`), each appends the address it saw to `X-Forwarded-For`, so the
 * client is that many entries from the right; whatever stands further left was
 * written by the client and is never believed. With fewer entries than hops, the
 * leftmost one is taken (as Express does).
 */
export const clientAddress = (request: IncomingMessage, trustedHops: number): string => {
  const peer = request.socket.remoteAddress ?? ''
  if (!trustedHops) return peer
  const forwarded = String(request.headers['x-forwarded-for'] ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
  const chain = [...forwarded, peer]
  return chain[Math.max(0, chain.length - 1 - trustedHops)]
}

/**
 * What the rate limit counts an address under: IPv4 as it is; IPv6 by its /64, the
 * block one subscriber gets (else one machine has 2^64 addresses to rotate through);
 * anything else, cut to 64 characters.
 */
export const limitKey = (address: string): string => {
  const bare = withoutPort(address)
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare)
  if (mapped) return mapped[1]
  if (isIP(bare) === 4) return bare
  if (isIP(bare) === 6) return `${ipv6Groups(bare).slice(0, 4).join(':')}::/64`
  return bare.slice(0, 64)
}

// "[2001:db8::1]:443" and "192.0.2.1:80", as some proxies write them.
const withoutPort = (address: string) => {
  const bracketed = /^\[([^\]]+)\](:\d+)?$/.exec(address)
  if (bracketed) return bracketed[1]
  const v4 = /^(\d+\.\d+\.\d+\.\d+):\d+$/.exec(address)
  return v4 ? v4[1] : address
}

// The eight groups of an IPv6 address, "::" expanded and an IPv4 tail turned into two groups.
const ipv6Groups = (address: string): string[] => {
  const [head, tail = ''] = address.split('::')
  const split = (part: string) =>
    part
      .split(':')
      .filter(Boolean)
      .flatMap((group) => (group.includes('.') ? ipv4AsGroups(group) : [group]))
  const left = split(head)
  const right = address.includes('::') ? split(tail) : []
  const zeros = Array(8 - left.length - right.length).fill('0')
  return [...left, ...zeros, ...right].map((group) => parseInt(group, 16).toString(16))
}

const ipv4AsGroups = (v4: string) => {
  const [a, b, c, d] = v4.split('.').map(Number)
  return [((a << 8) | b).toString(16), ((c << 8) | d).toString(16)]
}
