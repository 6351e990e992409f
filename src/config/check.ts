/** What a check found wrong: the value at `path` is not `message`, or the object there has unknown `keys`. */
export interface Issue {
  path: PropertyKey[]
  message?: string
  input?: unknown
  keys?: string[]
}

/**
 * Checks a value found at `path`, pushing each problem into `issues`, and gives
 * the value with its defaults applied (undefined when it is absent or wrong).
 */
export type Check = (value: unknown, path: PropertyKey[], issues: Issue[]) => unknown

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value == 'object' && value !== null && !Array.isArray(value)

/** A value passing `test`, which is `message` ("a number ≥ 0") — absent included, unless `optional`. */
export const custom =
  (test: (value: unknown) => boolean, message: string): Check =>
  (value, path, issues) =>
    test(value) ? value : void issues.push({ path, message, input: value })

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
  (shape: Record<string, Check>, message: string): Check =>
  (value, path, issues) => {
    if (!isRecord(value)) return void issues.push({ path, message, input: value })
    const output: Record<string, unknown> = {}
    for (const key in shape) {
      const item = shape[key](value[key], [...path, key], issues)
      if (item !== undefined) output[key] = item
    }
    const unknown = Object.keys(value).filter((key) => !Object.hasOwn(shape, key))
    if (unknown.length) issues.push({ path, keys: unknown })
    return output
  }
