// `*` stands for any run of characters, `?` for one; a trailing slash is ignored.
const toRegExp = (pattern: string) =>
  new RegExp(
    '^' +
      pattern
        .replace(/\/$/, '')
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '.*')
        .replace(/\?/g, '.') +
      '/?$',
    'i'
  )

/**
 * Whether the page matches a pattern or any of a list: against the path
 * (`/checkout/*`), or against the whole URL without its fragment when the
 * pattern has `://` (`https://shop.example/*?step=2`).
 */
export const urlMatches = (patterns: string | string[], href = location.href): boolean => {
  const url = new URL(href)
  return [patterns].flat().some((pattern) =>
    toRegExp(pattern).test(pattern.includes('://') ? url.href.replace(/#.*/, '') : url.pathname)
  )
}
