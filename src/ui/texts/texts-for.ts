import { en, type Texts } from './en'
// Chunks for npm users, files beside the script for the script tag: the build's choice (src/parts.json).
import { importLanguage } from 'sayso:languages'

// Loaded languages are kept: they never change. So is a failure, for the page: no retrying on every survey.
const loaded: Record<string, Texts | Promise<Texts | undefined>> = { en }

/**
 * A language's texts: at once when they are loaded, else a promise of them
 * (undefined when they could not be loaded; English is used then).
 */
export const textsFor = (language: string): Texts | Promise<Texts | undefined> =>
  (loaded[language] ??= importLanguage(language).then(
    (module) => (loaded[language] = module.default),
    () => undefined
  ))
