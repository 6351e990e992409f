import type { core } from 'zod'
import { describeValue, problem, type Problem } from '../config/problem'

type Issue = core.$ZodIssue

// A branch of a union that failed at its root for its type (a string where it takes an object)
// is not the value's branch; one that failed deeper is.
const isValuesBranch = (issues: Issue[]): boolean =>
  !issues.some(
    (issue) =>
      issue.path.length == 0 &&
      (issue.code == 'invalid_type' || issue.code == 'invalid_value' || (issue.code == 'invalid_union' && !issue.errors.some(isValuesBranch)))
  )

/**
 * The issues of a zod parse (run with `reportInput: true`) as sayso's problems, in the
 * browser's words: `surveys[1].trigger.delay: expected a number ≥ 0, got "soon"`. A union is
 * named by the branch of the value's type when there is one (`followUp.question`, not
 * `followUp`); an unknown key by its own path.
 */
export const zodProblems = (issues: readonly Issue[], at: PropertyKey[] = []): Problem[] => {
  const problems = issues.flatMap((issue): Problem[] => {
    const path = [...at, ...issue.path]
    if (issue.code == 'invalid_union') {
      const branches = issue.errors.filter(isValuesBranch)
      if (branches.length == 1) return zodProblems(branches[0], path)
    }
    if (issue.code == 'unrecognized_keys') return issue.keys.map((key) => problem([...path, key], 'unknown option, left out'))
    if (issue.code == 'custom' && issue.params?.sentence) return [problem(path, issue.message)]
    return [problem(path, `expected ${issue.message}, got ${describeValue(issue.input)}`)]
  })
  // Both sides of an intersection (the theme) may say the same.
  return problems.filter((one, index) => problems.findIndex((other) => other.message == one.message) == index)
}
