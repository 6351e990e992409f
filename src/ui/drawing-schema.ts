import { custom, isBoolean, isRecord, isString, mapOf, nonNegative, object, oneOf, optional, or, string, withDefault, type Check, type Checked } from '../config/check'
import type { Text, Theme } from '../types'
import { isWebAddress } from '../wire/is-web-address'
import { MAX_REASON, MAX_REASONS } from '../wire/limits'

// How a survey looks, and the theme: checked here, by the drawing part, when a survey is about
// to show (the core checks the rest when sayso starts: src/config/schema.ts). Same rules, same
// messages: a wrong option falls back to its default, and a survey with a problem is left out.
// The zod schema of record has the same rules (src/schema/survey-schema.ts).

const someText = or(isString, mapOf(string, 'a text or { locale: text }'))
const text = optional(someText)
const boolean = optional(custom<boolean>(isBoolean, 'true or false'))

/** Optional keys by segment, each checked by `check`: a segment's replaces the survey's own. */
const bySegment = <T>(check: Check<T>) => {
  const each = optional(check)
  return { detractor: each, passive: each, promoter: each, low: each, high: each }
}

/**
 * A list of 1 to `max` items, each checked at its own index. A list of another length is named
 * whole, its items unchecked, as zod does.
 */
const listOf =
  <T>(check: Check<T>, max: number, what: string): Check<T[]> =>
  (value, path, issues) =>
    custom<unknown[]>((list) => Array.isArray(list) && list.length > 0 && list.length <= max, what)(value, path, issues)?.map((item, index) =>
      check(item, [...path, index], issues)
    ) as T[] | undefined

// A choice's value is what the answer carries in `reasons`: the wire takes 1–100 characters.
const reasonValue = custom<string>((value) => isString(value) && value.length > 0 && value.length <= MAX_REASON, `a string of 1–${MAX_REASON} characters`)
const choiceObject = object({ value: reasonValue, label: someText }, 'a choice: a string, or { value, label }')
const choice: Check<string | { value: string; label: Text }> = (value, path, issues) => (isString(value) ? reasonValue : choiceObject)(value, path, issues)
const choiceList = listOf(choice, MAX_REASONS, `a list of 1–${MAX_REASONS} choices`)
const choicesBySegment = object(bySegment(choiceList), `a list of 1–${MAX_REASONS} choices, or lists by segment`)
const choices: Check<Checked<typeof choiceList> | Checked<typeof choicesBySegment>> = (value, path, issues) =>
  (Array.isArray(value) ? choiceList : choicesBySegment)(value, path, issues)

const followUpObject = object(
  { question: text, ...bySegment(someText), placeholder: text, choices: optional(choices), multiple: boolean, comment: boolean },
  'true, false or a follow-up object'
)

const webAddress = custom<string>(isWebAddress, 'an http(s) URL')
const link = object({ label: someText, url: webAddress }, 'a link { label, url }')
const actionObject = object({ label: text, url: optional(webAddress), ...bySegment(link) }, 'a link { label, url }, or links by segment')
// Given either of them, the link of every segment without its own needs both.
const action: Check<Checked<typeof actionObject>> = (value, path, issues) => {
  const checked = actionObject(value, path, issues)
  if (isRecord(value) && value.label !== undefined && value.url === undefined) webAddress(undefined, [...path, 'url'], issues)
  if (isRecord(value) && value.url !== undefined && value.label === undefined) someText(undefined, [...path, 'label'], issues)
  return checked
}

const drawing = {
  question: text,
  subject: text,
  task: text,
  scale: withDefault(oneOf('number', 'star', 'emoji'), 'number'),
  labels: optional(object({ low: text, high: text }, 'an object')),
  followUp: withDefault(or(isBoolean, followUpObject), true),
  thankYou: withDefault(object({ message: text, closeAfterMs: optional(nonNegative), action: optional(action) }, 'an object'), {})
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
