import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Problem } from '../../src/config/problem'
import { drawingKeys } from '../../src/ui/drawing-schema'
import { configSchema } from '../../src/schema/config-schema'
import { zodProblems } from '../../src/schema/zod-problems'
import { checkAll } from './check-all'
import { arbitrariesOf } from './zod-arbitrary'

// The browser checks a configuration with a small checker of its own (the core's and the
// drawing part's); zod is the schema of record. Both must take and refuse the same
// configurations, naming the same problems in the same words, for any configuration the zod
// schema describes, and for one with any fault the schema can be given.

const VALID_RUNS = 300
const RUNS_PER_FAULT = 10
// A fixed number of cases, not a time: this bounds only how long a slow, shared machine may take.
const TIMEOUT = 60_000
const drawing = new Set<string>(drawingKeys)

// Where the browser names a problem a level higher than zod, to keep the core small (see
// src/config/schema.ts): a condition is named whole, and so is a list of URL patterns or locales.
const namedWhole = /^(surveys\[\d+\]\.(?:trigger\.props|audience\.attributes)\.[^.[]*|surveys\[\d+\]\.(?:trigger\.url|audience\.locale))(?=[.[]|$)/

/** A problem as both must say it: its words, or where it is when the browser names it whole. */
const said = (problem: Problem) => namedWhole.exec(problem.path)?.[1] ?? problem.message
// Each once: a condition named whole may hold several of zod's problems.
const distinct = (problems: Problem[]) => [...new Set(problems.map(said))].sort()

const surveyOf = (path: string) => /^surveys\[(\d+)\](?:\.([^.[]+))?/.exec(path)

/**
 * Zod's problems less those the browser never looks for: it checks how a survey looks (texts,
 * scale, follow-up, thank-you) only when it is about to show it, so not for a survey the core
 * leaves out for when or to whom it shows.
 */
const asTheBrowserLooks = (problems: Problem[]) => {
  const leftOutByCore = new Set(
    problems.flatMap((problem) => {
      const [, index, key] = surveyOf(problem.path) ?? []
      return index !== undefined && !drawing.has(key) ? [index] : []
    })
  )
  return problems.filter((problem) => {
    const [, index, key] = surveyOf(problem.path) ?? []
    return !(index !== undefined && drawing.has(key) && leftOutByCore.has(index))
  })
}

const browserSays = (input: unknown) => distinct(checkAll(input).problems.filter((problem) => !problem.message.endsWith('survey left out for the problems above')))

const zodSays = (input: unknown) => {
  const result = configSchema.safeParse(input, { reportInput: true })
  return result.success ? [] : distinct(asTheBrowserLooks(zodProblems(result.error.issues)))
}

const arbitraries = arbitrariesOf(configSchema, {
  custom: () => ({ valid: fc.constant(async () => ({ ok: true as const })), wrong: fc.constantFrom('fetch', {}, 42) })
})

// What a walk of the schema cannot see: each id once, and an endpoint or a transport.
const asValid = (config: Record<string, unknown>) => ({
  ...config,
  ...(config.endpoint || config.transport ? {} : { endpoint: '/api/answers' }),
  ...(Array.isArray(config.surveys) ? { surveys: config.surveys.map((survey, index) => ({ ...survey, id: `survey-${index}` })) } : {})
})

describe('the browser checker and the zod schema of record', () => {
  it(`take the same valid configurations (${VALID_RUNS} runs)`, { timeout: TIMEOUT }, () => {
    fc.assert(
      fc.property(arbitraries.valid, ({ value }) => {
        const config = asValid(value as Record<string, unknown>)
        expect(zodSays(config)).toEqual([])
        expect(browserSays(config)).toEqual([])
      }),
      { numRuns: VALID_RUNS }
    )
  })

  it(`refuse the same configurations, with the same problems (${RUNS_PER_FAULT} runs for each of the schema's faults)`, { timeout: TIMEOUT }, () => {
    expect(arbitraries.sites.length).toBeGreaterThan(100)
    let refused = 0
    for (const site of arbitraries.sites) {
      fc.assert(
        fc.property(arbitraries.withFault(site), ({ value, faults }) => {
          expect(faults).toContain(site)
          const zod = zodSays(value)
          expect(browserSays(value)).toEqual(zod)
          if (zod.length) refused++
        }),
        { numRuns: RUNS_PER_FAULT }
      )
    }
    // A fault of another type may happen to be valid there ('x' for a text); most are not.
    expect(refused).toBeGreaterThan(arbitraries.sites.length * RUNS_PER_FAULT * 0.8)
  })
})
