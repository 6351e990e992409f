import * as z from 'zod/mini'
import type { Condition, FollowUp, Scalar, Text, Theme, Transport } from '../types'

// Each message completes "expected …", so that a problem reads
// `surveys[1].trigger.delay: expected a number ≥ 0, got "soon"`.
// Only zod's object, optional, default and custom schemas are used, with
// plain predicates for the values: each further kind of schema adds its own
// runtime to the bundle.
const is = (what: string) => ({ error: what })
export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value == 'object' && value !== null && !Array.isArray(value)
const isScalar = (value: unknown): value is Scalar => value === null || /^[sbn]/.test(typeof value)
const isText = (value: unknown): value is Text =>
  typeof value == 'string' || (isRecord(value) && Object.values(value).every((item) => typeof item == 'string'))
const isCondition = (value: unknown) =>
  isScalar(value) || (isRecord(value) && Object.keys(value).every((key) => /^(equals|in|gt|gte|lt|lte|exists)$/.test(key)))
const custom = <T>(test: (value: unknown) => boolean, what: string) => z.custom<T>(test, is(what))
const mapOf = <T>(test: (value: unknown) => boolean, what: string) =>
  custom<Record<string, T>>((value) => isRecord(value) && Object.values(value).every(test), what)
const oneOf = <T extends string>(...values: T[]) =>
  custom<T>((value) => values.includes(value as T), values.map((value) => `'${value}'`).join(' or '))
const number = (what: string, max = Infinity) =>
  custom<number>((value) => typeof value == 'number' && value >= 0 && value <= max, what)
const boolean = custom<boolean>((value) => typeof value == 'boolean', 'true or false')
const isSelector = (value: unknown) => {
  try {
    // A server (the collector checking surveys.json) has no document to try the selector on.
    return typeof value == 'string' && (typeof document == 'undefined' || (document.createDocumentFragment().querySelector(value), true))
  } catch {
    return false
  }
}
const strings = (what: string) =>
  custom<string | string[]>((value) => [value].flat().every((item) => typeof item == 'string'), what)

/**
 * The schemas, built on demand. zod compiles object parsers with `new Function`
 * unless told not to, which a strict Content-Security-Policy forbids and reports;
 * the global setting is put back at once so that a page's own zod is untouched.
 */
let built: ReturnType<typeof schemas> | undefined
export const buildSchemas = () => {
  if (built) return built
  const before = z.config().jitless
  z.config({ jitless: true })
  try {
    return (built = schemas())
  } finally {
    z.config({ jitless: before })
  }
}

const schemas = () => {
  const nonNegative = number('a number ≥ 0')
  const days = number('a number of days ≥ 0')
  const name = custom<string>((value) => !!value && typeof value == 'string', 'a non-empty string')
  const text = z.optional(custom<Text>(isText, 'a text or { locale: text }'))
  const conditions = mapOf<Condition>(isCondition, 'a map of name to value or condition')

  const trigger = z.strictObject(
    {
      manual: z.optional(boolean),
      event: z.optional(name),
      props: z.optional(conditions),
      url: z.optional(strings('a URL pattern or a list')),
      delay: z.optional(nonNegative),
      scroll: z.optional(number('a percent 0–100', 100)),
      exitIntent: z.optional(boolean),
      click: z.optional(custom<string>(isSelector, 'a CSS selector'))
    },
    is("'manual' or a trigger object")
  )

  const followUpKeys = /^(question|detractor|passive|promoter|low|high|placeholder)$/
  const followUp = custom<boolean | FollowUp>(
    (value) =>
      typeof value == 'boolean' || (isRecord(value) && Object.entries(value).every(([key, item]) => followUpKeys.test(key) && isText(item))),
    'true, false or { question, detractor, passive, promoter, low, high, placeholder } texts'
  )

  const survey = z.strictObject(
    {
      id: name,
      type: oneOf('nps', 'csat', 'ces'),
      question: text,
      subject: text,
      task: text,
      scale: z._default(oneOf('number', 'star', 'emoji'), 'number'),
      labels: z.optional(z.strictObject({ low: text, high: text })),
      followUp: z._default(followUp, true),
      thankYou: z._default(z.strictObject({ message: text, closeAfterMs: z._default(nonNegative, 3000) }), {
        closeAfterMs: 3000
      }),
      trigger: z.optional(trigger),
      audience: z.optional(
        z.strictObject({
          attributes: z.optional(conditions),
          device: z.optional(oneOf('mobile', 'desktop')),
          locale: z.optional(strings('a locale or a list'))
        })
      ),
      sample: z._default(number('a number 0–1', 1), 1),
      frequency: z._default(z.strictObject({ answeredDays: z._default(days, 90), dismissedDays: z._default(days, 14) }), {
        answeredDays: 90,
        dismissedDays: 14
      })
    },
    is('a survey object')
  )

  const theme = custom<Theme>(
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

  const config = z.strictObject(
    {
      endpoint: z.optional(name),
      transport: z.optional(custom<Transport>((value) => typeof value == 'function', 'a function')),
      surveys: z._default(custom<unknown[]>(Array.isArray, 'a list of surveys'), []),
      configUrl: z.optional(name),
      configCacheMs: z._default(number('a number of milliseconds ≥ 0'), 300_000),
      locale: z.optional(name),
      brand: z.optional(name),
      theme: z._default(theme, {}),
      user: z._default(
        z.strictObject({ id: z.optional(name), attributes: z.optional(mapOf<Scalar>(isScalar, 'a map of name to string, number, boolean or null')) }),
        {}
      ),
      frequency: z._default(z.strictObject({ cooldownDays: z._default(days, 1) }), { cooldownDays: 1 })
    },
    is('a configuration object')
  )
  return { survey, config }
}

type Schemas = ReturnType<typeof schemas>
export type ParsedSurvey = z.output<Schemas['survey']>
export type ParsedConfig = Omit<z.output<Schemas['config']>, 'surveys'> & { surveys: ParsedSurvey[] }
