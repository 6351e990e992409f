import type { Text } from '../types'

export const language = (locale: string) => locale.split(/[-_]/)[0].toLowerCase()

/**
 * The best of a survey's texts for a locale: the exact locale, then one of
 * its language, then English, then the first one given.
 */
export const pickText = (text: Text | undefined, locale: string): string | undefined => {
  if (typeof text != 'object') return text
  const keys = Object.keys(text)
  const key = [locale, language(locale), 'en'].reduce<string | undefined>(
    (found, wanted) => found ?? keys.find((k) => k.toLowerCase() == wanted.toLowerCase() || (!wanted.includes('-') && language(k) == wanted)),
    undefined
  )
  return text[key ?? keys[0]]
}

export const isRightToLeft = (locale: string): boolean => /^(ar|he|fa|ur|ps|yi)\b/i.test(locale)
