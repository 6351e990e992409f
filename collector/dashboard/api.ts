/** The collector's reads as the dashboard makes them: behind the bearer token, never in the address. */

/** A read was refused for want of the token: the dashboard asks for it. */
export class NeedsToken extends Error {}

/** A query string of the values that are set (empty ones are left out). */
export const query = (values: Record<string, string | undefined>) =>
  new URLSearchParams(Object.entries(values).filter((entry): entry is [string, string] => !!entry[1])).toString()

const authorized = async (path: string, token: string, signal?: AbortSignal): Promise<Response> => {
  const response = await fetch(path, { headers: token ? { Authorization: `Bearer ${token}` } : {}, signal })
  if (response.status === 401) throw new NeedsToken('This collector needs its dashboard token.')
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`)
  return response
}

/** A read's JSON. */
export const get = async <T>(path: string, token: string, signal?: AbortSignal): Promise<T> => (await authorized(path, token, signal)).json()

/**
 * A download through fetch, so that the token travels in a header: the whole file is read
 * first, and a reply cut off halfway fails here instead of saving half a file.
 */
export const download = async (path: string, token: string, name: string) => {
  const blob = await (await authorized(path, token)).blob()
  const link = document.createElement('a')
  link.href = URL.createObjectURL(blob)
  link.download = name
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(link.href), 60_000)
}
