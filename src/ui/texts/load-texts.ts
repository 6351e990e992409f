import type { Texts } from './en'

// For npm users: each language is a chunk of its own, which their bundler loads only when needed.
const loaders: Record<string, () => Promise<{ default: Texts }>> = {
  pl: () => import('./pl'),
  el: () => import('./el'),
  fi: () => import('./fi'),
  zh: () => import('./zh'),
  de: () => import('./de'),
  fr: () => import('./fr'),
  es: () => import('./es'),
  pt: () => import('./pt'),
  ja: () => import('./ja'),
  ar: () => import('./ar'),
  he: () => import('./he')
}

/** Loads the texts of a built-in language other than English. */
export const loadTexts = async (language: string): Promise<Texts> => (await loaders[language]()).default
