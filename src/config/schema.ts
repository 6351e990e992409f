import type { FollowUp, Frequency, SaysoConfig, Scalar, Survey, Text, Theme, Trigger, User } from '../types'
import { tests } from '../targeting/matches'
import { custom, isRecord, object, optional, withDefault, type Check } from './check'

// The configuration's schema. Each message completes "expected …", so that a problem
// reads `surveys[1].trigger.delay: expected a number ≥ 0, got "soon"`.
/** A value that travels as JSON as it is: a string, a finite number, true, false or null. */
export const isScalar = (value: unknown): value is Scalar =>
  value === null || typeof value == 'string' || typeof value == 'boolean' || Number.isFinite(value)
const isText = (value: unknown) =>
  typeof value == 'string' || (isRecord(value) && Object.values(value).every((item) => typeof item == 'string'))
// What each operator of a condition takes; the others (gt, gte, lt, lte) take a number.
const operands: Record<string, (value: unknown) => boolean> = {
  equals: isScalar,
  in: (value) => Array.isArray(value) && value.every(isScalar),
  exists: (value) => typeof value == 'boolean'
}
const isCondition = (value: unknown) =>
  isScalar(value) ||
  (isRecord(value) && Object.entries(value).every(([key, argument]) => Object.hasOwn(tests, key) && (operands[key] ?? Number.isFinite)(argument)))
const mapOf = (test: (value: unknown) => boolean, what: string) =>
  custom((value) => isRecord(value) && Object.values(value).every(test), what)
const oneOf = (...values: string[]) =>
  custom((value) => values.includes(value as string), values.map((value) => `'${value}'`).join(' or '))
const number = (what: string, max = Infinity) => custom((value) => typeof value == 'number' && value >= 0 && value <= max, what)
const boolean = optional(custom((value) => typeof value == 'boolean', 'true or false'))
const isSelector = (value: unknown) => {
  try {
    // A server (the collector checking surveys.json) has no document to try the selector on.
    return typeof value == 'string' && (typeof document == 'undefined' || (document.createDocumentFragment().querySelector(value), true))
  } catch {
    return false
  }
}
const strings = (what: string) => optional(custom((value) => [value].flat().every((item) => typeof item == 'string'), what))
const nonNegative = number('a number ≥ 0')
const days = number('a number of days ≥ 0')
const name = custom((value) => !!value && typeof value == 'string', 'a non-empty string')
const text = optional(custom(isText, 'a text or { locale: text }'))
const conditions = optional(mapOf(isCondition, 'a map of name to a value or a condition such as { in: [ … ] } or { gte: 1 }'))

const trigger = object(
  {
    manual: boolean,
    event: optional(name),
    props: conditions,
    url: strings('a URL pattern or a list'),
    delay: optional(nonNegative),
    scroll: optional(number('a percent 0–100', 100)),
    exitIntent: boolean,
    click: optional(custom(isSelector, 'a CSS selector'))
  },
  "'manual' or a trigger object"
)

const followUpKeys = ['question', 'detractor', 'passive', 'promoter', 'low', 'high', 'placeholder']
const followUp = custom(
  (value) => typeof value == 'boolean' || (isRecord(value) && Object.entries(value).every(([key, item]) => followUpKeys.includes(key) && isText(item))),
  `true, false or { ${followUpKeys.join(', ')} } texts`
)

/** One survey, with its defaults applied. */
export const checkSurvey: Check = object(
  {
    id: name,
    type: oneOf('nps', 'csat', 'ces'),
    question: text,
    subject: text,
    task: text,
    scale: withDefault(oneOf('number', 'star', 'emoji'), 'number'),
    labels: optional(object({ low: text, high: text }, 'an object')),
    followUp: withDefault(followUp, true),
    thankYou: withDefault(object({ message: text, closeAfterMs: withDefault(nonNegative, 3000) }, 'an object'), {}),
    trigger: optional(trigger),
    audience: optional(
      object({ attributes: conditions, device: optional(oneOf('mobile', 'desktop')), locale: strings('a locale or a list') }, 'an object')
    ),
    sample: withDefault(number('a number 0–1', 1), 1),
    frequency: withDefault(object({ answeredDays: withDefault(days, 90), dismissedDays: withDefault(days, 14) }, 'an object'), {})
  },
  'a survey object'
)

const theme = custom(
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
)

/** The whole configuration, its surveys left as they are (each is checked on its own). */
export const checkConfig: Check = object(
  {
    endpoint: optional(name),
    transport: optional(custom((value) => typeof value == 'function', 'a function')),
    surveys: withDefault(custom(Array.isArray, 'a list of surveys'), []),
    configUrl: optional(name),
    configCacheMs: withDefault(number('a number of milliseconds ≥ 0'), 300_000),
    locale: optional(name),
    brand: optional(name),
    theme: withDefault(theme, {}),
    user: withDefault(
      object({ id: optional(name), attributes: optional(mapOf(isScalar, 'a map of name to string, number, boolean or null')) }, 'an object'),
      {}
    ),
    frequency: withDefault(object({ cooldownDays: withDefault(days, 1) }, 'an object'), {})
  },
  'a configuration object'
)

export type ParsedSurvey = Omit<Survey, 'scale' | 'followUp' | 'thankYou' | 'trigger' | 'sample' | 'frequency'> & {
  scale: NonNullable<Survey['scale']>
  followUp: boolean | FollowUp
  thankYou: { message?: Text; closeAfterMs: number }
  trigger?: Trigger & { manual?: boolean }
  sample: number
  frequency: Required<Frequency>
}

export type ParsedConfig = Omit<SaysoConfig, 'surveys' | 'configCacheMs' | 'theme' | 'user' | 'frequency'> & {
  surveys: ParsedSurvey[]
  configCacheMs: number
  theme: Theme
  user: User
  frequency: { cooldownDays: number }
}
