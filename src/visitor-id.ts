const KEY = 'sayso:visitor'

// Only telling browsers apart (and sampling them stably) rests on it, so where crypto.randomUUID
// is missing (a page on plain http) a random number and the time are enough.
const newId = () => crypto.randomUUID?.() ?? Math.random().toString(36).slice(2) + Date.now().toString(36)

/**
 * A random id kept in localStorage (no cookies), so that answers from one
 * browser can be told apart. Where storage is blocked it lasts for the page.
 */
export const visitorId = (): string => {
  try {
    const known = localStorage.getItem(KEY)
    if (known) return known
    const id = newId()
    localStorage.setItem(KEY, id)
    return id
  } catch {
    return newId()
  }
}
