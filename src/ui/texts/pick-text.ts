import type { Text } from '../../types'
import { language, negotiateLocale } from './negotiate-locale'

/**
 * The best of a text's versions for a locale: the exact locale, then one of
 * its language, then English, then the first one given.
 */
export const pickText = (text: Text | undefined, locale: string): string | undefined => {
  if (typeof text != 'object') return text
  const keys = Object.keys(text)
  return text[negotiateLocale([locale, 'en'], keys) ?? keys[0]]
}

/**
 * The locale a survey shows in: the visitor's most preferred one that the
 * survey's question is given in (or, for a plain question, that sayso speaks),
 * else the survey's first locale, else English.
 */
export const chooseLocale = (question: Text | undefined, wanted: readonly string[], builtIn: readonly string[]): string => {
  const given = typeof question == 'object' ? Object.keys(question) : undefined
  return negotiateLocale(wanted, given ?? builtIn) ?? given?.[0] ?? 'en'
}

export const isRightToLeft = (locale: string): boolean => /^(ar|he|fa|ur|ps|yi)\b/i.test(locale)

export { language }
