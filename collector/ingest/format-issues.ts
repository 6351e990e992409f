import type { core } from 'zod/mini'
import { describeValue, problem, type Problem } from '../../src/config/problem'

/** Turns zod's issues (the collector's wire checks) into one sentence each, under `prefix` (such as `['answers', 2]`). */
export const formatIssues = (issues: readonly core.$ZodIssue[], prefix: PropertyKey[] = []): Problem[] =>
  issues.flatMap((issue) => {
    const path = [...prefix, ...issue.path]
    return issue.code == 'unrecognized_keys'
      ? issue.keys.map((key) => problem([...path, key], 'unknown option, left out'))
      : [problem(path, `expected ${issue.message}, got ${describeValue(issue.input)}`)]
  })
