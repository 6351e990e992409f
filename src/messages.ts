import { describeValue, problem } from './config/format-issues'

const http = (status?: number) => (status ? ` (HTTP ${status})` : '')

/** Every sentence sayso says to a developer, in one place. */
export const messages = {
  notAnObject: (value: unknown) => problem([], `expected a configuration object, got ${describeValue(value)}`),
  noDestination: () => problem(['endpoint'], 'expected a URL or a transport function, got nothing; nothing will show'),
  surveyLeftOut: (path: PropertyKey[]) => problem(path, 'survey left out for the problems above'),
  duplicateId: (path: PropertyKey[], id: string) =>
    problem([...path, 'id'], `expected an id no other survey has, got ${describeValue(id)}; survey left out`),
  remoteConfig: (url: string, why: string, copy?: number) =>
    problem(['configUrl'], `${url} ${why}; ${copy ? `using the copy of ${new Date(copy).toISOString()}` : 'no copy to fall back on'}`),
  unknownSurvey: (id: string) => `show: no survey has the id ${describeValue(id)}`,
  badPrefill: (score: unknown, answerId: unknown) =>
    `show: expected a score within the survey's scale and an answer id of 1–64 letters, digits, - or _, got ${describeValue(score)} and ${describeValue(answerId)}`,
  unknownCommand: (name: unknown) => `unknown command ${describeValue(name)}`,
  rejected: (status?: number) => `the endpoint rejected an answer${http(status)}; it was dropped`,
  stopped: (status?: number) => `the endpoint refused answers${http(status)}; they wait for the next page load`,
  expired: (count: number) => `${count} answer(s) older than 7 days dropped unsent`,
  overflow: () => 'over 200 answers or 256 KiB queued: the oldest dropped',
  tooLarge: () => 'an answer over 16 KiB dropped',
  noTexts: (language: string) => `the texts for "${language}" could not be loaded; showing English`,
  failed: (what: string, error: unknown) => `${what} failed: ${error instanceof Error ? error.message : String(error)}`
}
