import * as messages from '../messages'
import { isRecord } from './check'
import type { Problem } from './problem'
import { checkConfig, checkSurvey, type ParsedConfig, type ParsedSurvey } from './schema'

/**
 * Checks a list of surveys, leaving out each one with a problem and each id
 * already taken (by `known` or an earlier one in the list).
 */
export const parseSurveys = (input: unknown[], at: PropertyKey[], known: ParsedSurvey[], problems: Problem[]): ParsedSurvey[] => {
  const surveys: ParsedSurvey[] = []
  input.forEach((raw, index) => {
    const prefix = [...at, index]
    // `trigger: 'manual'` is short for `{ manual: true }`.
    const value = isRecord(raw) && raw.trigger == 'manual' ? { ...raw, trigger: { manual: true } } : raw
    const issues: Problem[] = []
    const survey = checkSurvey(value, prefix, issues)
    if (!survey || issues.length) problems.push(...issues, messages.surveyLeftOut(prefix))
    else if ([...known, ...surveys].some((other) => other.id == survey.id)) problems.push(messages.duplicateId(prefix, survey.id))
    else surveys.push({ ...survey, at: prefix })
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
  if (!isRecord(input)) problems.push(messages.notAnObject(input))
  // A wrong option is left out for its default, so the rest of the configuration still counts.
  const config = checkConfig(isRecord(input) ? input : {}, [], problems)!
  if (!config.endpoint && !config.transport) problems.push(messages.noDestination())

  const surveys = parseSurveys(config.surveys, ['surveys'], [], problems)
  return { config: { ...config, surveys }, problems }
}
