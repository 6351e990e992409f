import { tests } from '../targeting/matches'
import { isScalar } from '../wire/is-scalar'
import type { Scalar, Transport } from '../types'
import { custom, isBoolean, isRecord, isString, mapOf, nonNegative, number, object, oneOf, optional, withDefault, type Check, type Checked } from './check'

// What the core checks when sayso starts: where answers go, and when and to whom each survey
// shows. How a survey looks (its texts, scale, follow-up, thank-you) and the theme are checked
// by the drawing part when a survey is about to show (src/ui/drawing-schema.ts), with the same
// messages: a page view that shows no survey never loads that code. Each message completes
// "expected …", so that a problem reads `surveys[1].trigger.delay: expected a number ≥ 0, got "soon"`.
// The schema of record is the zod one (src/schema/survey-schema.ts): test/unit/schemas-agree.test.ts
// checks that both take and refuse the same configurations, naming the same paths. Two places
// are named a level higher here than there, to keep the core small: a condition is named whole
// (`props.total`, not `props.total.in`), and so is a list of URL patterns or locales.

// What each operator of a condition takes; the others (gt, gte, lt, lte) take a number.
const operands: Record<string, (value: unknown) => boolean> = {
  equals: isScalar,
  in: (value) => Array.isArray(value) && value.every(isScalar),
  exists: isBoolean
}
const isCondition = (value: unknown) =>
  isScalar(value) ||
  (isRecord(value) && Object.entries(value).every(([key, argument]) => Object.hasOwn(tests, key) && (operands[key] ?? Number.isFinite)(argument)))
const conditions = optional(mapOf(custom<Scalar | Record<string, unknown>>(isCondition, 'a value or condition'), 'a map of name to value or condition'))
const boolean = optional(custom<boolean>(isBoolean, 'true or false'))
const isSelector = (value: unknown) => {
  if (!isString(value)) return false
  try {
    // querySelector throws on what is no selector.
    document.createDocumentFragment().querySelector(value)
    return true
  } catch {
    return false
  }
}
const selector = optional(custom<string>(isSelector, 'a CSS selector'))
const strings = (what: string) => optional(custom<string | string[]>((value) => [value].flat().every(isString), what))
const days = number('a number of days ≥ 0')
const name = custom<string>((value) => !!value && isString(value), 'a non-empty string')
/** Kept as given, for the drawing part to check. */
const drawn = optional<unknown>((value) => value)

const triggerObject = object(
  {
    manual: boolean,
    event: optional(name),
    props: conditions,
    url: strings('a URL pattern or a list'),
    delay: optional(nonNegative),
    scroll: optional(number('a percent 0–100', 100)),
    exitIntent: boolean,
    click: selector
  },
  "'manual' or a trigger object"
)
// `trigger: 'manual'` is short for `{ manual: true }`.
const trigger: Check<Checked<typeof triggerObject>> = (value, path, issues) => triggerObject(value === 'manual' ? { manual: true } : value, path, issues)

/** One survey, with its defaults applied; how it looks is checked when it is about to show. */
export const checkSurvey = object(
  {
    id: name,
    type: oneOf('nps', 'csat', 'ces'),
    question: drawn,
    subject: drawn,
    task: drawn,
    scale: drawn,
    labels: drawn,
    followUp: drawn,
    thankYou: drawn,
    inline: selector,
    trigger: optional(trigger),
    audience: optional(object({ attributes: conditions, device: optional(oneOf('mobile', 'desktop')), locale: strings('a locale or a list') }, 'an object')),
    sample: withDefault(number('a number 0–1', 1), 1),
    frequency: withDefault(object({ answeredDays: withDefault(days, 90), dismissedDays: withDefault(days, 14) }, 'an object'), {})
  },
  'a survey object'
)

/** The whole configuration, its surveys left as they are (each is checked on its own). */
export const checkConfig = object(
  {
    endpoint: optional(name),
    transport: optional(custom<Transport>((value) => typeof value == 'function', 'a function')),
    surveys: withDefault(custom<unknown[]>(Array.isArray, 'a list of surveys'), []),
    configUrl: optional(name),
    configCacheMs: withDefault(number('a number of milliseconds ≥ 0'), 300_000),
    locale: optional(name),
    brand: optional(name),
    theme: drawn,
    user: withDefault(
      object(
        { id: optional(name), attributes: optional(mapOf(custom<Scalar>(isScalar, 'a string, number, boolean or null'), 'a map of name to string, number, boolean or null')) },
        'an object'
      ),
      {}
    ),
    frequency: withDefault(object({ cooldownDays: withDefault(days, 1) }, 'an object'), {})
  },
  'a configuration object'
)

/** A survey as the core runs it; `at` is where it was given (`surveys[1]`), for the drawing part's problems. */
export type ParsedSurvey = Checked<typeof checkSurvey> & { at: PropertyKey[] }

export type ParsedConfig = Omit<Checked<typeof checkConfig>, 'surveys'> & { surveys: ParsedSurvey[] }

export type { Check }
