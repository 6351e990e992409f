import type { SurveyRecord } from '../types'

/** An answer as JSON carries it, and the names of the values JSON cannot carry. */
export interface StorableCopy {
  answer: SurveyRecord
  /** The keys of the values left out, such as `total` of `attributes: { total: 10n }`. */
  leftOut: string[]
}

const unsendable = ['bigint', 'function', 'symbol']

/**
 * The answer as it can be stored and sent: a BigInt, a function, a symbol or a cycle,
 * which `JSON.stringify` would throw on or silently drop, is left out and named, so that
 * the rest of the answer still travels.
 *
 * @example storableCopy({ ...answer, attributes: { plan: 'pro', total: 10n } }).leftOut // ['total']
 */
export const storableCopy = (given: SurveyRecord): StorableCopy => {
  const leftOut: string[] = []
  // Every object met so far: meeting one again is a cycle.
  const met = new Set<unknown>()
  const keep = (key: string, value: unknown) => {
    if (unsendable.includes(typeof value) || met.has(value)) {
      leftOut.push(key)
      return undefined
    }
    if (value && typeof value == 'object') met.add(value)
    return value
  }
  const copy = (answer: SurveyRecord): SurveyRecord => JSON.parse(JSON.stringify(answer, keep))
  try {
    return { answer: copy(given), leftOut }
  } catch {
    // A getter or a toJSON that throws: the attributes, what a page hands over, are left out whole.
    return { answer: copy({ ...given, attributes: undefined }), leftOut: ['attributes'] }
  }
}
