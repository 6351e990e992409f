import { describeValue, problem, type Problem } from './problem'

/**
 * Checks a value found at `path`, pushing each problem into `issues`, and gives
 * the value with its defaults applied (undefined when it is absent or wrong).
 */
export type Check = (value: unknown, path: PropertyKey[], issues: Problem[]) => unknown

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value == 'object' && value !== null && !Array.isArray(value)

// `surveys[1].trigger.delay: expected a number ≥ 0, got "soon"`
const wrong = (issues: Problem[], path: PropertyKey[], what: string, value: unknown) =>
  void issues.push(problem(path, `expected ${what}, got ${describeValue(value)}`))

/** A value passing `test`, which is `what` ("a number ≥ 0") — absent included, unless `optional`. */
export const custom =
  (test: (value: unknown) => boolean, what: string): Check =>
  (value, path, issues) =>
    test(value) ? value : wrong(issues, path, what, value)

export const optional =
  (check: Check): Check =>
  (value, path, issues) =>
    value === undefined ? value : check(value, path, issues)

/** Absent or wrong, the value is `fallback`, itself checked so that an object gets its own defaults. */
export const withDefault =
  (check: Check, fallback: unknown): Check =>
  (value, path, issues) => {
    const before = issues.length
    const result = value === undefined ? undefined : check(value, path, issues)
    return value === undefined || issues.length > before ? check(fallback, path, []) : result
  }

/** An object with exactly these keys: each is checked, and unknown ones are a problem. */
export const object =
  (shape: Record<string, Check>, what: string): Check =>
  (value, path, issues) => {
    if (!isRecord(value)) return wrong(issues, path, what, value)
    const output: Record<string, unknown> = {}
    for (const key in shape) {
      const item = shape[key](value[key], [...path, key], issues)
      if (item !== undefined) output[key] = item
    }
    for (const key of Object.keys(value)) if (!Object.hasOwn(shape, key)) issues.push(problem([...path, key], 'unknown option, left out'))
    return output
  }
