import { custom, isRecord, nonNegative, object, oneOf, optional, withDefault, type Checked } from '../config/check'
import type { FollowUp, Text, Theme } from '../types'

// How a survey looks, and the theme: checked here, by the drawing part, when a survey is about
// to show (the core checks the rest when sayso starts: src/config/schema.ts). Same rules, same
// messages: a wrong option falls back to its default, and a survey with a problem is left out.

const isText = (value: unknown) =>
  typeof value == 'string' || (isRecord(value) && Object.values(value).every((item) => typeof item == 'string'))
const text = optional(custom<Text>(isText, 'a text or { locale: text }'))

const followUpKeys = ['question', 'detractor', 'passive', 'promoter', 'low', 'high', 'placeholder']
const followUp = custom<boolean | FollowUp>(
  (value) => typeof value == 'boolean' || (isRecord(value) && Object.entries(value).every(([key, item]) => followUpKeys.includes(key) && isText(item))),
  `true, false or { ${followUpKeys.join(', ')} } texts`
)

const drawing = {
  question: text,
  subject: text,
  task: text,
  scale: withDefault(oneOf('number', 'star', 'emoji'), 'number'),
  labels: optional(object({ low: text, high: text }, 'an object')),
  followUp: withDefault(followUp, true),
  thankYou: withDefault(object({ message: text, closeAfterMs: withDefault(nonNegative, 3000) }, 'an object'), {})
}

/** The fields of a survey that say how it looks, with their defaults. */
export const checkDrawing = object(drawing, 'a survey object')
export const drawingKeys = Object.keys(drawing) as (keyof typeof drawing)[]
export type Drawing = Checked<typeof checkDrawing>

export const checkTheme = withDefault(
  custom<Theme>(
    (value) =>
      isRecord(value) &&
      Object.entries(value).every(([key, item]) =>
        key == 'position'
          ? /^(bottom-(right|left|center)|center)$/.test(item as string)
          : key == 'colorScheme'
            ? /^(light|dark|auto)$/.test(item as string)
            : /^--sayso-/.test(key) && typeof item == 'string'
      ),
    'a theme: position, colorScheme and --sayso-* properties'
  ),
  {}
)
