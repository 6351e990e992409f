import { describeValue, problem, type Problem } from './problem'

/**
 * Checks a value found at `path`, pushing each problem into `issues`, and gives
 * the value with its defaults applied (undefined when it is absent or wrong).
 * `T` is what a valid value is, so that the parsed types follow from the checks.
 */
export type Check<T> = (value: unknown, path: PropertyKey[], issues: Problem[]) => T | undefined

/** What a check gives for a valid value. */
export type Checked<C> = C extends Check<infer T> ? T : never

// A check that may give nothing is an optional key of its object.
type Shape = Record<string, Check<unknown> & { optional?: true }>
type Optional<S extends Shape> = { [K in keyof S]: S[K] extends { optional: true } ? K : never }[keyof S]
export type CheckedObject<S extends Shape> = { [K in Exclude<keyof S, Optional<S>>]: Checked<S[K]> } & {
  [K in Optional<S>]?: Checked<S[K]>
}

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value == 'object' && value !== null && !Array.isArray(value)

// `surveys[1].trigger.delay: expected a number ≥ 0, got "soon"`
const wrong = (issues: Problem[], path: PropertyKey[], what: string, value: unknown) =>
  void issues.push(problem(path, `expected ${what}, got ${describeValue(value)}`))

/** A value passing `test`, which is `what` ("a number ≥ 0") — absent included, unless `optional`. */
export const custom =
  <T>(test: (value: unknown) => boolean, what: string): Check<T> =>
  (value, path, issues) =>
    test(value) ? (value as T) : wrong(issues, path, what, value)

/** A check whose value may be absent: its key is optional in the object's type. */
export type OptionalCheck<T> = Check<T> & { optional: true }

/** Absent is fine: the key is left out. */
export const optional = <T>(check: Check<T>) =>
  ((value, path, issues) => (value === undefined ? value : check(value, path, issues))) as OptionalCheck<T>

/** Absent or wrong, the value is `fallback`, itself checked so that an object gets its own defaults. */
export const withDefault =
  <T>(check: Check<T>, fallback: unknown): Check<T> =>
  (value, path, issues) => {
    const before = issues.length
    const result = value === undefined ? undefined : check(value, path, issues)
    return value === undefined || issues.length > before ? check(fallback, path, []) : result
  }

/** An object with exactly these keys: each is checked, and unknown ones are a problem. */
export const object =
  <S extends Shape>(shape: S, what: string): Check<CheckedObject<S>> =>
  (value, path, issues) => {
    if (!isRecord(value)) return wrong(issues, path, what, value)
    const output: Record<string, unknown> = {}
    for (const key in shape) {
      const item = shape[key](value[key], [...path, key], issues)
      if (item !== undefined) output[key] = item
    }
    for (const key of Object.keys(value)) if (!Object.hasOwn(shape, key)) issues.push(problem([...path, key], 'unknown option, left out'))
    return output as CheckedObject<S>
  }

export const mapOf = <T>(test: (value: unknown) => boolean, what: string) =>
  custom<Record<string, T>>((value) => isRecord(value) && Object.values(value).every(test), what)

export const oneOf = <T extends string>(...values: T[]) =>
  custom<T>((value) => values.includes(value as T), values.map((value) => `'${value}'`).join(' or '))

/** A number from 0 to `max`, which is `what`. */
export const number = (what: string, max = Infinity) => custom<number>((value) => typeof value == 'number' && value >= 0 && value <= max, what)

export const nonNegative = number('a number ≥ 0')
