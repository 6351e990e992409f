import * as z from 'zod'
import { describeValue } from '../config/problem'
import { isWebAddress } from '../wire/is-web-address'
import { MAX_REASON, MAX_REASONS } from '../wire/limits'

// The survey configuration, once, where bytes do not count: the collector checks surveys.json
// with it (checkSurveysFile), the build writes dist/surveys.schema.json from it for editors, and
// test/unit/schemas-agree.test.ts keeps the browser's own small checker (src/config/schema.ts,
// src/ui/drawing-schema.ts) taking and refusing the same configurations (with configSchema,
// src/schema/config-schema.ts, the rest of what init() takes). The browser never
// imports this file. Each error is what a problem "expected" (`a number ≥ 0`), the same words as
// the browser's, so that the collector and the browser say the same sentences.

/** The error of a schema: what a problem expected. */
export const is = (what: string) => ({ error: what })

export const name = z.string(is('a non-empty string')).min(1, is('a non-empty string'))
const boolean = z.boolean(is('true or false'))
/** A finite number from 0 to `max`, which is `what`. */
export const number = (what: string, max?: number) => {
  const atLeastZero = z.number(is(what)).min(0, is(what))
  return max === undefined ? atLeastZero : atLeastZero.max(max, is(what))
}
export const days = number('a number of days ≥ 0')

const text = z
  .union([z.string(), z.record(z.string(), z.string(is('a string')))], is('a text or { locale: text }'))
  .meta({ id: 'text', description: 'A text in one language, or one per locale.', examples: ['How did we do?', { en: 'How did we do?', pl: 'Jak nam poszło?' }] })

export const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()], is('a string, number, boolean or null'))
const condition = z
  .union(
    [
      scalar,
      z.strictObject(
        {
          equals: scalar.optional(),
          in: z.array(scalar, is('a list')).optional().describe('One of these values.'),
          gt: z.number(is('a number')).optional(),
          gte: z.number(is('a number')).optional(),
          lt: z.number(is('a number')).optional(),
          lte: z.number(is('a number')).optional(),
          exists: boolean.optional().describe('Set to anything (true) or not set (false).')
        },
        is('a value or condition')
      )
    ],
    is('a value or condition')
  )
  .meta({ id: 'condition', description: 'A plain value means "equals"; every operator given must hold.', examples: ['pro', { in: ['pro', 'team'] }, { gte: 100 }, { exists: true }] })
const conditions = z.record(z.string(), condition, is('a map of name to value or condition'))
/** One string, or a list of them: `what` names one. */
const strings = (what: string) => z.union([z.string(), z.array(z.string(is(what)))], is(`${what} or a list`))

// A server has no document to try a selector on; a browser (or a test's DOM) has.
const isSelector = (value: string) => {
  if (typeof document == 'undefined') return true
  try {
    document.createDocumentFragment().querySelector(value)
    return true
  } catch {
    return false
  }
}

const selector = z.string(is('a CSS selector')).refine(isSelector, is('a CSS selector'))

const triggerObject = z
  .strictObject(
    {
      manual: boolean.optional().describe("Only through show(): the same as trigger: 'manual'."),
      event: name.optional().describe('A name passed to track().'),
      props: conditions.optional().describe('Conditions on the properties passed to track(event, props).'),
      url: strings('a URL pattern')
        .optional()
        .meta({ description: 'A glob matched against the path, or against the whole URL when it has ://; or a list of them.', examples: ['/checkout/*', ['/help/*', '/contact']] }),
      delay: number('a number ≥ 0').optional().describe('Milliseconds to wait once the other conditions hold.'),
      scroll: number('a percent 0–100', 100).optional().describe('Percent of the page scrolled.'),
      exitIntent: boolean.optional().describe('The pointer leaves through the top of the window.'),
      click: selector
        .optional()
        .meta({ description: 'A CSS selector; a click on a matching element.', examples: ['#help', '.buy-button'] })
    },
    is("'manual' or a trigger object")
  )
  .describe('Every condition given must hold.')

/** Optional keys by segment, each taking `schema`: a segment's replaces the survey's own. */
const bySegment = <T extends z.ZodType>(schema: T) => ({
  detractor: schema.optional().describe('NPS 0–6.'),
  passive: schema.optional().describe('NPS 7–8.'),
  promoter: schema.optional().describe('NPS 9–10.'),
  low: schema.optional().describe('CSAT 1–3, CES 1–4.'),
  high: schema.optional().describe('CSAT 4–5, CES 5–7.')
})

// A choice's value is what the answer carries in `reasons`: the wire takes 1–100 characters.
const reasonValue = z
  .string(is(`a string of 1–${MAX_REASON} characters`))
  .min(1, is(`a string of 1–${MAX_REASON} characters`))
  .max(MAX_REASON, is(`a string of 1–${MAX_REASON} characters`))
const choice = z.union(
  [
    reasonValue,
    z.strictObject(
      { value: reasonValue.describe('What the answer carries in reasons, the same in every language.'), label: text.describe('What the visitor reads.') },
      is('a choice: a string, or { value, label }')
    )
  ],
  is('a choice: a string, or { value, label }')
)
const choiceList = z
  .array(choice, is(`a list of 1–${MAX_REASONS} choices`))
  .min(1, is(`a list of 1–${MAX_REASONS} choices`))
  .max(MAX_REASONS, is(`a list of 1–${MAX_REASONS} choices`))
const choices = z
  .union([choiceList, z.strictObject(bySegment(choiceList), is(`a list of 1–${MAX_REASONS} choices, or lists by segment`))], is(`a list of 1–${MAX_REASONS} choices, or lists by segment`))
  .meta({
    description: 'A choice question after the score, instead of the text box (before it, with comment: true): a list, or lists by segment. A string is its own value.',
    examples: [['Price', 'Delivery'], { detractor: [{ value: 'price', label: { en: 'Price', pl: 'Cena' } }, { value: 'delivery', label: 'Delivery' }] }]
  })

const followUp = z
  .union(
    [
      boolean,
      z.strictObject(
        {
          question: text.optional(),
          ...bySegment(text),
          placeholder: text.optional(),
          choices: choices.optional(),
          multiple: boolean.optional().describe('The visitor may pick several choices (checkboxes instead of radio buttons).'),
          comment: boolean.optional().describe('Keeps the text box after the choices.')
        },
        is('true, false or a follow-up object')
      )
    ],
    is('true, false or a follow-up object')
  )
  .describe('The question after the score: a text box, or choices; a segment text replaces `question` for that segment. false leaves it out.')

const webAddress = z
  .string(is('an http(s) URL'))
  .refine(isWebAddress, is('an http(s) URL'))
  .meta({ examples: ['https://g.page/r/acme/review', 'https://acme.example/help'] })
const link = z.strictObject({ label: text, url: webAddress }, is('a link { label, url }'))

// Given either of them, the link of every segment without its own needs both.
const bothOrNeither = (action: unknown, context: z.RefinementCtx) => {
  const has = (key: string) => typeof action == 'object' && action !== null && (action as Record<string, unknown>)[key] !== undefined
  if (has('label') && !has('url')) context.addIssue({ code: 'custom', path: ['url'], input: undefined, message: 'an http(s) URL' })
  if (has('url') && !has('label')) context.addIssue({ code: 'custom', path: ['label'], input: undefined, message: 'a text or { locale: text }' })
}
const action = z
  .strictObject({ label: text.optional(), url: webAddress.optional(), ...bySegment(link) }, is('a link { label, url }, or links by segment'))
  .superRefine(bothOrNeither, { when: () => true })
  .meta({
    description: "A link on the thank-you step, opened in a new tab: { label, url } for every segment, and a segment's own link in its place.",
    examples: [
      { label: 'Leave a review', url: 'https://g.page/r/acme/review' },
      { promoter: { label: 'Leave a review', url: 'https://g.page/r/acme/review' }, detractor: { label: 'Talk to us', url: 'https://acme.example/help' } }
    ]
  })

/** One survey, as in `surveys` of `init()` or of surveys.json. */
export const surveySchema = z
  .strictObject(
    {
      id: name.describe('Unique among the surveys; sent with each answer as surveyId.'),
      type: z.enum(['nps', 'csat', 'ces'], is("'nps' or 'csat' or 'ces'")),
      question: text.optional().describe('Replaces the default question.'),
      subject: text.optional().describe('What a CSAT question asks about: "How satisfied are you with {subject}?"'),
      task: text.optional().describe('What a CES statement is about: "{brand} made it easy for me to {task}."'),
      scale: z.enum(['number', 'star', 'emoji'], is("'number' or 'star' or 'emoji'")).default('number').describe('How the CSAT scale is drawn.'),
      labels: z.strictObject({ low: text.optional(), high: text.optional() }, is('an object')).optional().describe("Replaces the scale's end labels."),
      followUp: followUp.default(true),
      thankYou: z
        .strictObject(
          {
            message: text.optional(),
            closeAfterMs: number('a number ≥ 0')
              .optional()
              .describe('Milliseconds until the thank-you closes itself: 3000 by default; without it, a thank-you with a link and an inline survey’s stay.'),
            action: action.optional()
          },
          is('an object')
        )
        .prefault({})
        .describe('The last step.'),
      inline: selector.optional().meta({
        description:
          'A CSS selector: the survey is drawn inside the first matching element, in the page’s flow, instead of as a pop-up; also when the element appears later. Frequency counts per page path; the one-pop-up rule and the cooldown do not apply.',
        examples: ['#was-this-helpful', 'article footer']
      }),
      trigger: z
        .union([z.literal('manual'), triggerObject], is("'manual' or a trigger object"))
        .optional()
        .meta({ description: "When the survey asks. Omitted: on page view. 'manual': only through show().", examples: ['manual', { event: 'checkout_completed', delay: 2000 }] }),
      audience: z
        .strictObject(
          {
            attributes: conditions.optional().describe('Conditions on user.attributes (set by init or identify).'),
            device: z.enum(['mobile', 'desktop'], is("'mobile' or 'desktop'")).optional(),
            locale: strings('a locale').optional().meta({ description: 'Locales, such as "pl" or ["en-GB", "en-IE"].' })
          },
          is('an object')
        )
        .optional()
        .describe('Who may see the survey.'),
      sample: number('a number 0–1', 1).default(1).describe('The share of visitors (0–1) who may see it, stable per visitor.'),
      frequency: z
        .strictObject(
          {
            answeredDays: days.default(90).describe('Days the survey stays away after an answer.'),
            dismissedDays: days.default(14).describe('Days the survey stays away after it was closed unanswered.')
          },
          is('an object')
        )
        .prefault({})
        .describe('How often a visitor may see this survey.')
    },
    is('a survey object')
  )
  .meta({ title: 'A sayso survey', examples: [{ id: 'nps-main', type: 'nps', trigger: { event: 'checkout_completed' } }] })

const idOf = (survey: unknown) => {
  const id = typeof survey == 'object' && survey !== null ? (survey as { id?: unknown }).id : undefined
  return typeof id == 'string' && id !== '' ? id : undefined
}

/**
 * A list of surveys, each id once: a survey whose id an earlier one in the list has (even one
 * left out for its own problems) is left out. Its issue's message is the whole sentence.
 */
export const surveysSchema = z.array(surveySchema, is('a list of surveys')).superRefine(
  (list, context) => {
    if (!Array.isArray(list)) return
    const taken = new Set<string>()
    list.forEach((survey, index) => {
      const id = idOf(survey)
      if (id === undefined) return
      if (taken.has(id)) {
        context.addIssue({
          code: 'custom',
          path: [index, 'id'],
          input: id,
          message: `expected an id no other survey has, got ${describeValue(id)}; survey left out`,
          params: { sentence: true, duplicate: true }
        })
      }
      taken.add(id)
    })
  },
  // Also when a survey has other problems: it is left out for both.
  { when: () => true }
)

/** A surveys.json file: the surveys a collector serves for `configUrl`. */
export const surveysFileSchema = z
  .strictObject(
    {
      $schema: z.string(is('a string')).optional().describe('Where editors find this schema, e.g. "./node_modules/sayso/dist/surveys.schema.json".'),
      surveys: surveysSchema
    },
    is('an object such as { "surveys": [ … ] }')
  )
  .meta({ title: 'sayso surveys.json', description: 'Surveys for sayso, fetched through configUrl; each is checked as the surveys of init() are.' })
