import { describeValue, problem } from './config/problem'

// Every sentence sayso says to a developer, in one place: each its own export, so that
// each part of sayso carries only the ones it says.
const http = (status?: number) => (status ? ` (HTTP ${status})` : '')

export const notAnObject = (value: unknown) => problem([], `expected a configuration object, got ${describeValue(value)}`)
export const noDestination = () => problem(['endpoint'], 'expected a URL or a transport function, got nothing; nothing will show')
export const surveyLeftOut = (path: PropertyKey[]) => problem(path, 'survey left out for the problems above')
export const duplicateId = (path: PropertyKey[], id: string) =>
  problem([...path, 'id'], `expected an id no other survey has, got ${describeValue(id)}; survey left out`)
export const remoteConfig = (url: string, why: string, copy?: number) =>
  problem(['configUrl'], `${url} ${why}; ${copy ? `using the copy of ${new Date(copy).toISOString()}` : 'no copy to fall back on'}`)
export const unknownSurvey = (id: string) => `show: no survey has the id ${describeValue(id)}`
export const badPrefill = (score: unknown, answerId: unknown) =>
  `show: expected a score within the survey's scale and an answer id of 1–64 letters, digits, - or _, got ${describeValue(score)} and ${describeValue(answerId)}`
export const notScalar = (key: string, value: unknown) =>
  `identify: attribute ${describeValue(key)} left out: expected a string, number, boolean or null, got ${describeValue(value)}`
export const unknownCommand = (name: unknown) => `unknown command ${describeValue(name)}`
export const rejected = (status?: number) => `the endpoint rejected an answer${http(status)}; it was dropped`
export const stopped = (status?: number) => `the endpoint refused answers${http(status)}; they wait for the next page load`
export const longWait = (status?: number) =>
  `the endpoint asked to wait over 5 minutes${http(status)}; the answers wait for the next page load`
export const leftOut = (paths: string[]) => `${paths.join(', ')} left out of an answer: JSON cannot carry it; the rest is sent`
export const expired = (count: number) => `${count} answer(s) older than 7 days dropped unsent`
export const overflow = () => 'over 200 answers or 256 KiB queued: the oldest dropped'
export const tooLarge = () => 'an answer over 16 KiB dropped'
export const noTexts = (language: string) => `the texts for "${language}" could not be loaded; showing English`
export const notLoaded = (url: URL, error: unknown) =>
  `${url}${url.origin == location.origin ? '' : ' (a file on another origin than the page needs Access-Control-Allow-Origin)'}: ${error instanceof Error ? error.message : String(error)}`
/** A part of sayso loaded when needed (`ui`, `send`, `remote`) did not load. */
export const noPart = (part: string, error: unknown) => failed(`loading sayso's ${part} part`, error)
export const failed = (what: string, error: unknown) => `${what} failed: ${error instanceof Error ? error.message : String(error)}`
