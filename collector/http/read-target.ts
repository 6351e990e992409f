import type { Target } from './route'

/** A request target that cannot be read: answered 400. */
export class BadTarget extends Error {
  name = 'BadTarget'
}

/**
 * The path (percent-decoded) and query of a request's target: `/path?query`, or the
 * absolute form `http://host/path?query` that proxies send. A malformed `%` in the
 * path, or a NUL once decoded, is a BadTarget; the query keeps what it cannot decode.
 */
export const readTarget = (url = '/'): Target => {
  const relative = /^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? absolutePart(url) : url
  if (!relative.startsWith('/')) throw new BadTarget('expected a path starting with /')
  const at = relative.indexOf('?')
  const rawPath = at < 0 ? relative : relative.slice(0, at)
  let path: string
  try {
    path = decodeURIComponent(rawPath)
  } catch {
    throw new BadTarget('the path has a malformed percent-encoding')
  }
  if (path.includes('\0')) throw new BadTarget('the path has a NUL character')
  return { path, query: new URLSearchParams(at < 0 ? '' : relative.slice(at + 1)) }
}

const absolutePart = (url: string) => {
  try {
    const parsed = new URL(url)
    return parsed.pathname + parsed.search
  } catch {
    throw new BadTarget('the address cannot be read')
  }
}
