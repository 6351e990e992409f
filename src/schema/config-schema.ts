import * as z from 'zod'
import type { Transport } from '../types'
import { days, is, name, number, scalar, surveysSchema } from './survey-schema'

// The rest of what init() takes, around its surveys, for the property test that keeps the
// browser's checker equal to the schema of record, and for a server or a build that checks a
// configuration before it ships.

const position = z.enum(['bottom-right', 'bottom-left', 'bottom-center', 'center'], is("'bottom-right' or 'bottom-left' or 'bottom-center' or 'center'"))
const theme = z.intersection(
  z.strictObject(
    { position: position.optional(), colorScheme: z.enum(['light', 'dark', 'auto'], is("'light' or 'dark' or 'auto'")).optional() },
    is('a theme: position, colorScheme and --sayso-* properties')
  ),
  // Any --sayso-* custom property may be set beside them.
  z.record(z.string().regex(/^--sayso-/), z.string(is('a string')), is('a theme: position, colorScheme and --sayso-* properties'))
)

/** Everything `init()` takes (SaysoConfig), for a server or a build that checks it. */
export const configSchema = z
  .strictObject(
    {
      endpoint: name.optional(),
      // Not aborting, so that a wrong transport still lets the check for a destination run.
      transport: z.custom<Transport>((value) => typeof value == 'function', { ...is('a function'), abort: false }).optional(),
      surveys: surveysSchema.default([]),
      configUrl: name.optional(),
      configCacheMs: number('a number of milliseconds ≥ 0').default(300_000),
      locale: name.optional(),
      brand: name.optional(),
      theme: theme.optional(),
      user: z
        .strictObject(
          { id: name.optional(), attributes: z.record(z.string(), scalar, is('a map of name to string, number, boolean or null')).optional() },
          is('an object')
        )
        .optional(),
      frequency: z.strictObject({ cooldownDays: days.default(1) }, is('an object')).prefault({})
    },
    is('a configuration object')
  )
  .superRefine(
    (config, context) => {
      const { endpoint, transport } = (typeof config == 'object' && config) || {}
      const hasEndpoint = typeof endpoint == 'string' && endpoint !== ''
      if (!hasEndpoint && typeof transport != 'function') {
        context.addIssue({
          code: 'custom',
          path: ['endpoint'],
          input: endpoint,
          message: 'expected a URL or a transport function, got nothing; nothing will show',
          params: { sentence: true }
        })
      }
    },
    // Also when the configuration has other problems (an endpoint that is not a string among them).
    { when: () => true }
  )

