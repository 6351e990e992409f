import * as z from 'zod/mini'
import { messages } from '../messages'
import { buildSchemas, isRecord, type ParsedConfig, type ParsedSurvey } from './schema'
import { formatIssues, type Problem } from './format-issues'


/**
 * Checks a list of surveys, leaving out each one with a problem and each id
 * already taken (by `known` or an earlier one in the list).
 */
export const parseSurveys = (input: unknown[], at: PropertyKey[], known: ParsedSurvey[], problems: Problem[]): ParsedSurvey[] => {
  const schemas = buildSchemas()
  const surveys: ParsedSurvey[] = []
  input.forEach((raw, index) => {
    const prefix = [...at, index]
    // `trigger: 'manual'` is short for `{ manual: true }`.
    const value = isRecord(raw) && raw.trigger == 'manual' ? { ...raw, trigger: { manual: true } } : raw
    const parsed = z.safeParse(schemas.survey, value, { reportInput: true })
    if (!parsed.success) problems.push(...formatIssues(parsed.error.issues, prefix), messages.surveyLeftOut(prefix))
    else if ([...known, ...surveys].some((survey) => survey.id == parsed.data.id)) problems.push(messages.duplicateId(prefix, parsed.data.id))
    else surveys.push(parsed.data)
  })
  return surveys
}

/**
 * Parses a configuration once, applying every default. Never throws: each
 * problem is described; a wrong option falls back to its default and a survey
 * with any problem is left out whole (a misspelt trigger could otherwise show
 * it at the wrong moment), so that the valid surveys still run.
 */
export const parseConfig = (input: unknown): { config: ParsedConfig; problems: Problem[] } => {
  const problems: Problem[] = []
  const schemas = buildSchemas()
  const parse = <T>(schema: z.ZodMiniType<T>, value: unknown, prefix: PropertyKey[]) => {
    const result = z.safeParse(schema, value, { reportInput: true })
    if (!result.success) problems.push(...formatIssues(result.error.issues, prefix))
    return result
  }

  if (!isRecord(input)) problems.push(messages.notAnObject(input))
  let top = isRecord(input) ? input : {}
  let result = parse(schemas.config, top, [])
  // Leaves out each top-level option that is wrong; the second pass uses their defaults.
  if (!result.success) {
    top = { ...top }
    for (const issue of result.error.issues) {
      for (const key of issue.path.length ? [issue.path[0]] : 'keys' in issue ? issue.keys : []) delete top[key as string]
    }
    result = parse(schemas.config, top, [])
  }
  const config = result.success ? result.data : z.parse(schemas.config, {})
  if (!config.endpoint && !config.transport) problems.push(messages.noDestination())

  const surveys = parseSurveys(config.surveys, ['surveys'], [], problems)
  return { config: { ...config, surveys }, problems }
}
