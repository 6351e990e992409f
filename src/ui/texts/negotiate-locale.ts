// Traditional Chinese is not the same written language as the Simplified one sayso ships.
export const language = (locale: string) =>
  /^zh-(hant|tw|hk|mo)/i.test(locale) ? 'zh-hant' : locale.split(/[-_]/)[0].toLowerCase()

/**
 * The first of the visitor's locales (in their order of preference) that is
 * available, exactly or by language: `pl-PL` takes `pl`, `en-GB` takes `en-US`.
 */
export const negotiateLocale = (wanted: readonly string[], available: readonly string[]): string | undefined => {
  for (const locale of wanted) {
    const found =
      available.find((candidate) => candidate.toLowerCase() == locale.toLowerCase()) ??
      available.find((candidate) => language(candidate) == language(locale))
    if (found) return found
  }
}
