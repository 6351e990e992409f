import { describeValue, problem } from './config/problem'

// Every sentence the core says to a developer, each its own export. The parts keep their own
// beside them (src/ui/messages.ts, src/outbox/messages.ts), so that an npm user's bundle, where
// a module shared by the core and a part lands with the core, carries only the core's.
export const noDestination = () => problem(['endpoint'], 'expected a URL or a transport function, got nothing; nothing will show')
export const surveyLeftOut = (path: PropertyKey[]) => problem(path, 'survey left out for the problems above')
export const duplicateId = (path: PropertyKey[], id: string) =>
  problem([...path, 'id'], `expected an id no other survey has, got ${describeValue(id)}; survey left out`)
export const unknownSurvey = (id: string) => `show: no survey has the id ${describeValue(id)}`
export const unknownCommand = (name: unknown) => `unknown command ${describeValue(name)}`
export const notLoaded = (url: URL, error: unknown) =>
  `${url}${url.origin == location.origin ? '' : ' (a file on another origin than the page needs Access-Control-Allow-Origin)'}: ${error instanceof Error ? error.message : String(error)}`
/** A part of sayso loaded when needed (`ui`, `send`, `remote`) did not load. */
export const noPart = (part: string, error: unknown) => failed(`loading sayso's ${part} part`, error)
export const failed = (what: string, error: unknown) => `${what} failed: ${error instanceof Error ? error.message : String(error)}`
