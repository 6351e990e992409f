import { en, type Texts } from './en'

/** The languages sayso speaks out of the box, by language code. */
export const builtinTexts: Record<string, Texts> = { en }
