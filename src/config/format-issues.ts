/** One problem in a value, in words: `surveys[1].trigger.delay: expected a number ≥ 0, got "soon"`. */
export interface Problem {
  path: string
  message: string
}

const formatPath = (path: readonly PropertyKey[]): string =>
  path.map((key, index) => (typeof key == 'number' ? `[${key}]` : index ? `.${String(key)}` : String(key))).join('') ||
  '(root)'

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

const problem = (path: readonly PropertyKey[], message: string): Problem => {
  const at = formatPath(path)
  return { path: at, message: `${at}: ${message}` }
}

/** What sayso's config checks and zod (the collector's wire checks) find wrong. */
interface Issue {
  path: readonly PropertyKey[]
  message?: string
  input?: unknown
  keys?: readonly string[]
}

/** Turns issues into one sentence each, under `prefix` (such as `['surveys', 2]`). */
export const formatIssues = (issues: readonly Issue[], prefix: PropertyKey[] = []): Problem[] =>
  issues.flatMap((issue) => {
    const path = [...prefix, ...issue.path]
    return issue.keys
      ? issue.keys.map((key) => problem([...path, key], 'unknown option, left out'))
      : [problem(path, `expected ${issue.message}, got ${describeValue(issue.input)}`)]
  })

export { problem }
