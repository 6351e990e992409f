import type { Texts } from './en'

// The script-tag build loads a language from beside itself (…/sayso.js → …/i18n/pl.js),
// so a page whose CSP allows the script allows its languages too. Read while the script runs.
const base = (document.currentScript as HTMLScriptElement | null)?.src || location.href

/** Loads the texts of a built-in language other than English. */
export const loadTexts = async (language: string): Promise<Texts> =>
  (await import(/* @vite-ignore */ new URL(`i18n/${language}.js`, base).href)).default
