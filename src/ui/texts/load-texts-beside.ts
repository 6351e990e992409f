import { importBeside } from '../../import-beside'
import type { Texts } from './en'

/** Loads the texts of a built-in language other than English from `i18n/` beside the script. */
export const loadTexts = async (language: string): Promise<Texts> => (await importBeside(`i18n/${language}.js`)).default
