/**
 * An absolute http: or https: address: what a thank-you's link may open. `javascript:`, `data:`
 * and the like never reach an `href`, and neither does a relative address, which a link survey
 * (served by the collector, not the site) would resolve against the wrong origin.
 */
export const isWebAddress = (value: unknown): value is string => {
  if (typeof value != 'string') return false
  try {
    return /^https?:$/.test(new URL(value).protocol)
  } catch {
    return false
  }
}
