import { existsSync, readFileSync } from 'node:fs'
import type { Segment } from '../../src/wire/scales'
import type { Hook, HookWhen } from './hook'

const formats = ['slack', 'json']
const segments: Segment[] = ['detractor', 'passive', 'promoter', 'low', 'high']
const hookKeys = ['url', 'format', 'secret', 'when']
const whenKeys = ['surveyId', 'segments', 'withComment']

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)
const shown = (value: unknown) => JSON.stringify(value) ?? String(value)

const isWebAddress = (text: string) => {
  try {
    const { protocol } = new URL(text)
    return protocol === 'https:' || protocol === 'http:'
  } catch {
    return false
  }
}

/** One hook checked; each problem names its place (`[0].when.segments`). */
const checkHook = (given: unknown, at: string, problems: string[]): Hook | undefined => {
  const problem = (where: string, message: string) => problems.push(`${at}${where}: ${message}`)
  if (!isObject(given)) {
    problem('', `expected a hook { url, format, secret?, when? }, got ${shown(given)}`)
    return undefined
  }
  const before = problems.length
  for (const key of Object.keys(given)) if (!hookKeys.includes(key)) problem(`.${key}`, `unknown key (a hook has ${hookKeys.join(', ')})`)
  const { url, format, secret, when } = given
  if (typeof url !== 'string' || !isWebAddress(url)) problem('.url', `expected an http:// or https:// address, got ${shown(url)}`)
  if (typeof format !== 'string' || !formats.includes(format)) problem('.format', `expected 'slack' or 'json', got ${shown(format)}`)
  if (secret !== undefined && (typeof secret !== 'string' || secret.length < 16)) {
    problem('.secret', 'expected at least 16 characters (a long random string)')
  }
  if (when !== undefined) {
    if (!isObject(when)) problem('.when', `expected { surveyId?, segments?, withComment? }, got ${shown(when)}`)
    else {
      for (const key of Object.keys(when)) if (!whenKeys.includes(key)) problem(`.when.${key}`, `unknown key (when has ${whenKeys.join(', ')})`)
      if (when.surveyId !== undefined && (typeof when.surveyId !== 'string' || !when.surveyId)) problem('.when.surveyId', `expected a survey id, got ${shown(when.surveyId)}`)
      const known = Array.isArray(when.segments) && when.segments.length > 0 && when.segments.every((segment) => segments.includes(segment))
      if (when.segments !== undefined && !known) problem('.when.segments', `expected a list of ${segments.join(', ')}, got ${shown(when.segments)}`)
      if (when.withComment !== undefined && typeof when.withComment !== 'boolean') problem('.when.withComment', `expected true or false, got ${shown(when.withComment)}`)
    }
  }
  if (problems.length > before) return undefined
  return { url: url as string, format: format as Hook['format'], ...(secret !== undefined && { secret: secret as string }), ...(when !== undefined && { when: when as HookWhen }) }
}

/**
 * The hooks of WEBHOOKS_FILE (docs/webhooks.md): a JSON list of
 * `{ url, format, secret?, when? }`. No file: no hooks. Any problem — the file unreadable,
 * a bad address, an unknown format or `when` key — is one line naming the file and the place,
 * and the collector refuses to start: a hook that silently never fires is worse than none.
 */
export const readHooks = (file: string): { hooks: Hook[] } | { problems: string[] } => {
  if (!existsSync(file)) return { hooks: [] }
  let json: unknown
  try {
    json = JSON.parse(readFileSync(file, 'utf8'))
  } catch (error) {
    return { problems: [`${file}: ${(error as Error).message}`] }
  }
  if (!Array.isArray(json)) return { problems: [`${file}: expected a list of hooks [{ url, format, secret?, when? }], got ${shown(json).slice(0, 60)}`] }
  const problems: string[] = []
  const hooks = json.map((given, index) => checkHook(given, `[${index}]`, problems))
  if (problems.length) return { problems: problems.map((problem) => `${file}: ${problem}`) }
  return { hooks: hooks as Hook[] }
}
