import { isBoolean, isString, mapOf, nonNegative, object, oneOf, optional, or, string, withDefault, type Check, type Checked } from '../config/check'
import type { Theme } from '../types'

// How a survey looks, and the theme: checked here, by the drawing part, when a survey is about
// to show (the core checks the rest when sayso starts: src/config/schema.ts). Same rules, same
// messages: a wrong option falls back to its default, and a survey with a problem is left out.
// The zod schema of record has the same rules (src/schema/survey-schema.ts).

const text = optional(or(isString, mapOf(string, 'a text or { locale: text }')))

// The segment texts replace `question` for that segment.
const followUpTexts = { question: text, detractor: text, passive: text, promoter: text, low: text, high: text, placeholder: text }

const drawing = {
  question: text,
  subject: text,
  task: text,
  scale: withDefault(oneOf('number', 'star', 'emoji'), 'number'),
  labels: optional(object({ low: text, high: text }, 'an object')),
  followUp: withDefault(or(isBoolean, object(followUpTexts, `true, false or { ${Object.keys(followUpTexts).join(', ')} } texts`)), true),
  thankYou: withDefault(object({ message: text, closeAfterMs: withDefault(nonNegative, 3000) }, 'an object'), {})
}

/** The fields of a survey that say how it looks, with their defaults. */
export const checkDrawing = object(drawing, 'a survey object')
export const drawingKeys = Object.keys(drawing) as (keyof typeof drawing)[]
export type Drawing = Checked<typeof checkDrawing>

// Any --sayso-* custom property may be set beside these.
const theme = object(
  { position: optional(oneOf('bottom-right', 'bottom-left', 'bottom-center', 'center')), colorScheme: optional(oneOf('light', 'dark', 'auto')) },
  'a theme: position, colorScheme and --sayso-* properties',
  (key) => (key.startsWith('--sayso-') ? string : undefined)
)
export const checkTheme = withDefault(theme as Check<Theme>, {})
