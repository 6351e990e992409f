import type { core } from 'zod'
import type { Problem } from '../config/problem'
import { surveyLeftOut } from '../messages'
import { surveysFileSchema } from './survey-schema'
import { zodProblems } from './zod-problems'

// The line on a taken id says itself that the survey is left out.
const isTakenId = (issue: core.$ZodIssue) => issue.code == 'custom' && !!issue.params?.duplicate

const surveysIn = (json: unknown): unknown[] => {
  const surveys = typeof json == 'object' && json !== null ? (json as { surveys?: unknown }).surveys : undefined
  return Array.isArray(surveys) ? surveys : []
}

/**
 * Checks a parsed surveys.json (`{ "$schema"?, "surveys": [ … ] }`) with the schema of record,
 * as the browser checks its surveys: each problem in the browser's words, and a survey with any
 * problem left out, which a line after its problems says. `surveys` are the others, as written.
 *
 * @example
 * const { surveys, problems } = checkSurveysFile(JSON.parse(readFileSync('surveys.json', 'utf8')))
 * for (const problem of problems) console.warn(`surveys.json: ${problem.message}`)
 */
export const checkSurveysFile = (json: unknown): { surveys: unknown[]; problems: Problem[] } => {
  const written = surveysIn(json)
  const result = surveysFileSchema.safeParse(json, { reportInput: true })
  if (result.success) return { surveys: written, problems: [] }

  const ofFile: core.$ZodIssue[] = []
  const bySurvey = new Map<number, core.$ZodIssue[]>()
  for (const issue of result.error.issues) {
    const [key, index] = issue.path
    if (key == 'surveys' && typeof index == 'number') bySurvey.set(index, [...(bySurvey.get(index) ?? []), issue])
    else ofFile.push(issue)
  }
  const problems = zodProblems(ofFile)
  for (const [index, issues] of [...bySurvey].sort(([a], [b]) => a - b)) {
    problems.push(...zodProblems(issues))
    if (!issues.some(isTakenId)) problems.push(surveyLeftOut(['surveys', index]))
  }
  return { surveys: written.filter((_survey, index) => !bySurvey.has(index)), problems }
}
