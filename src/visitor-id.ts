import { randomId } from './random-id'

const KEY = 'sayso:visitor'

/**
 * A random id kept in localStorage (no cookies), so that answers from one
 * browser can be told apart. Where storage is blocked it lasts for the page.
 */
export const visitorId = (): string => {
  try {
    const known = localStorage.getItem(KEY)
    if (known) return known
    const id = randomId()
    localStorage.setItem(KEY, id)
    return id
  } catch {
    return randomId()
  }
}
