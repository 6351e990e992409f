import type { Texts } from './en'

/**
 * Loads the texts of a built-in language other than English from beside the
 * script (…/sayso.js → …/i18n/pl.js), so that a page whose CSP allows the
 * script allows its languages too. In the one-file script-tag build the bundler
 * turns `import.meta.url` into the address of the running script.
 */
export const loadTexts = async (language: string): Promise<Texts> =>
  (await import(/* @vite-ignore */ new URL(`i18n/${language}.js`, import.meta.url).href)).default
