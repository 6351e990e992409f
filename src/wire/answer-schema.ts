import * as z from 'zod/mini'
import { scales } from './scales'
import { MAX_BATCH, MAX_COMMENT, MAX_REASON, MAX_REASONS } from './limits'

const is = (what: string) => ({ error: what })
const short = (max: number) =>
  z.string(is(`a string of 1–${max} characters`)).check(
    z.minLength(1, is(`a string of 1–${max} characters`)),
    z.maxLength(max, is(`a string of 1–${max} characters`))
  )
const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()], is('a string, number, boolean or null'))

/**
 * One record on the wire, as the collector checks it: an answer, or a display (no score,
 * so no comment or reasons, and not complete). Unknown fields are ignored.
 */
export const answerSchema = z
  .object(
    {
      id: short(64),
      surveyId: short(200),
      type: z.enum(['nps', 'csat', 'ces'], is("'nps', 'csat' or 'ces'")),
      // Absent on a display: the survey was shown, and no score chosen (yet).
      score: z.optional(z.int(is('a whole number'))),
      comment: z.optional(z.string(is('a string')).check(z.maxLength(MAX_COMMENT, is(`at most ${MAX_COMMENT} characters`)))),
      reasons: z.optional(
        z
          .array(short(MAX_REASON), is(`a list of 1–${MAX_REASONS} reasons`))
          .check(z.minLength(1, is(`a list of 1–${MAX_REASONS} reasons`)), z.maxLength(MAX_REASONS, is(`a list of 1–${MAX_REASONS} reasons`)))
      ),
      complete: z.boolean(is('true or false')),
      dismissed: z.optional(z.boolean(is('true or false'))),
      createdAt: z.iso.datetime(is('an ISO 8601 date and time')),
      url: z.string(is('a string')).check(z.maxLength(2048, is('a URL of at most 2048 characters'))),
      locale: short(35),
      visitorId: short(64),
      userId: z.optional(short(200)),
      attributes: z.optional(z.record(z.string(), scalar, is('a map of name to value'))),
      device: z.optional(z.enum(['mobile', 'desktop'], is("'mobile' or 'desktop'"))),
      sdk: short(50)
    },
    is('an answer object')
  )
  .check(
    z.check((context) => {
      const { score, type, complete, comment, reasons } = context.value
      if (score === undefined) {
        // A display: what only an answer can say has no place on it.
        const answerOnly = { complete: complete ? true : undefined, comment, reasons }
        for (const [key, value] of Object.entries(answerOnly)) {
          if (value !== undefined) context.issues.push({ code: 'custom', path: [key], input: value, message: `nothing without a score (a display carries no ${key})` })
        }
      } else if (score < scales[type].min || score > scales[type].max) {
        context.issues.push({
          code: 'custom',
          path: ['score'],
          input: score,
          message: 'a score within the scale of its type (NPS 0–10, CSAT 1–5, CES 1–7)'
        })
      }
    })
  )

/** The body of `POST {endpoint}`. */
export const batchSchema = z.object(
  {
    answers: z
      .array(z.unknown(), is(`a list of 1–${MAX_BATCH} answers`))
      .check(z.minLength(1, is(`a list of 1–${MAX_BATCH} answers`)), z.maxLength(MAX_BATCH, is(`a list of 1–${MAX_BATCH} answers`)))
  },
  is('an object such as { "answers": [ … ] }')
)
