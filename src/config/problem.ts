/** One problem in a value, in words: `surveys[1].trigger.delay: expected a number ≥ 0, got "soon"`. */
export interface Problem {
  path: string
  message: string
}

const formatPath = (path: readonly PropertyKey[]): string =>
  path.map((key, index) => (typeof key == 'number' ? `[${key}]` : index ? `.${String(key)}` : String(key))).join('') ||
  '(root)'

/** A value as a problem names it: `"soon"`, `42`, `a list`, `nothing`. */
export const describeValue = (value: unknown): string =>
  value === undefined
    ? 'nothing'
    : typeof value == 'string'
      ? JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value)
      : Array.isArray(value)
        ? 'a list'
        : typeof value == 'function'
          ? 'a function'
          : value && typeof value == 'object'
            ? 'an object'
            : String(value)

/** A problem at `path`, its message starting with the path. */
export const problem = (path: readonly PropertyKey[], message: string): Problem => {
  const at = formatPath(path)
  return { path: at, message: `${at}: ${message}` }
}
