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
export type CheckedObject<S extends Shape, R = never> = { [K in Exclude<keyof S, Optional<S>>]: Checked<S[K]> } & {
  [K in Optional<S>]?: Checked<S[K]>
} & ([R] extends [never] ? unknown : Record<string, R>)

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value == 'object' && value !== null && !Array.isArray(value)
export const isString = (value: unknown): value is string => typeof value == 'string'
export const isBoolean = (value: unknown): value is boolean => typeof value == 'boolean'

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
    const result = check(value === undefined ? fallback : value, path, issues)
    return issues.length > before ? check(fallback, path, []) : result
  }

/** A value passing `test` as it is, or else one `check` takes: a text is a string or a map of them. */
export const or =
  <A, B>(test: (value: unknown) => value is A, check: Check<B>): Check<A | B> =>
  (value, path, issues) =>
    test(value) ? value : check(value, path, issues)

const unknownOption: Check<never> = (_value, path, issues) => void issues.push(problem(path, 'unknown option, left out'))

/**
 * An object with these keys, each checked at its own path. Any other key is unknown, unless
 * `rest` gives a check for it.
 */
export const object =
  <S extends Shape, R = never>(shape: S, what: string, rest?: (key: string) => Check<R> | undefined): Check<CheckedObject<S, R>> =>
  (value, path, issues) => {
    if (!isRecord(value)) return wrong(issues, path, what, value)
    const output: Record<string, unknown> = {}
    const take = (key: string, check: Check<unknown>) => {
      const item = check(value[key], [...path, key], issues)
      if (item !== undefined) output[key] = item
    }
    for (const key in shape) take(key, shape[key])
    for (const key of Object.keys(value)) if (!Object.hasOwn(shape, key)) take(key, rest?.(key) ?? unknownOption)
    return output as CheckedObject<S, R>
  }

/** A map of names to values, each checked at its own key. */
export const mapOf = <T>(check: Check<T>, what: string): Check<Record<string, T>> => object({}, what, () => check)

export const oneOf = <T extends string>(...values: T[]) =>
  custom<T>((value) => values.includes(value as T), values.map((value) => `'${value}'`).join(' or '))

/** A finite number from 0 to `max`, which is `what`. */
export const number = (what: string, max = Infinity) =>
  custom<number>((value) => Number.isFinite(value) && (value as number) >= 0 && (value as number) <= max, what)

export const nonNegative = number('a number ≥ 0')
export const string = custom<string>(isString, 'a string')
