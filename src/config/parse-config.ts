import * as messages from '../messages'
import type { Problem } from './problem'
import { checkConfig, checkSurvey, type ParsedConfig, type ParsedSurvey } from './schema'

/**
 * Checks a list of surveys, leaving out each one with a problem and each whose id is
 * taken (by `known`, or by an earlier one in the list, even one left out).
 */
export const parseSurveys = (input: unknown[], at: PropertyKey[], known: ParsedSurvey[], problems: Problem[]): ParsedSurvey[] => {
  const surveys: ParsedSurvey[] = []
  const taken = known.map((survey) => survey.id)
  input.forEach((raw, index) => {
    const prefix = [...at, index]
    const issues: Problem[] = []
    const survey = checkSurvey(raw, prefix, issues)
    const id = survey?.id
    // The line on the id says the survey is left out, after its other problems, if any.
    if (id && taken.includes(id)) problems.push(...issues, messages.duplicateId(prefix, id))
    else if (issues.length) problems.push(...issues, messages.surveyLeftOut(prefix))
    else surveys.push({ ...survey!, at: prefix })
    if (id) taken.push(id)
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
  // A wrong option is left out for its default, so the rest of the configuration still counts;
  // what is no configuration object at all counts as an empty one.
  const config = checkConfig(input, [], problems) ?? checkConfig({}, [], [])!
  if (!config.endpoint && !config.transport) problems.push(messages.noDestination())

  const surveys = parseSurveys(config.surveys, ['surveys'], [], problems)
  return { config: { ...config, surveys }, problems }
}
