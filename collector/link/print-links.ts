// `npm run link -- <survey id> t=… u=… [name=value …] [--html]`: the signed links of a link
// survey, with LINK_SECRET and PUBLIC_URL from the environment and the survey's type from
// surveys.json (SURVEYS_FILE): the link that opens at the scale, then one per score (the
// eleven of an NPS e-mail). `--html` prints the e-mail's row of score links instead.
import { resolve } from 'node:path'
import { scales } from '../../src/wire/scales'
import type { SurveyType } from '../../src/types'
import { readSettings, readSurveys } from '../read-settings'
import { signedLink } from './sign-link'

const fail = (message: string): never => {
  console.error(message)
  process.exit(2)
}

const root = resolve(import.meta.dirname, '../..')
const read = readSettings(process.env, root)
if ('problems' in read) fail(read.problems.join('\n'))
const { settings } = read as Exclude<typeof read, { problems: string[] }>
if (!settings.linkSecret) fail('LINK_SECRET: set it to the collector’s own, so that the links are signed as it checks them')

const args = process.argv.slice(2)
const html = args.includes('--html')
const [surveyId, ...pairs] = args.filter((arg) => arg !== '--html')
if (!surveyId) fail('usage: npm run link -- <survey id> t=<link token> u=<user id> [name=value …] [--html]')

const fields: { t?: string; u?: string; others: [string, string][] } = { others: [] }
for (const pair of pairs) {
  const at = pair.indexOf('=')
  if (at < 1) fail(`${pair}: expected name=value`)
  const [name, value] = [pair.slice(0, at), pair.slice(at + 1)]
  if (name === 'sig' || name === 'score') fail(`${name}: made by this command, not given to it`)
  if (name === 't' || name === 'u') fields[name] = value
  else fields.others.push([name, value])
}

const surveys = readSurveys(settings.surveysFile)
const survey = 'surveys' in surveys ? (surveys.surveys?.find((candidate) => (candidate as { id?: unknown }).id === surveyId) as { type?: SurveyType } | undefined) : undefined
if (!survey?.type || !(survey.type in scales)) fail(`${settings.surveysFile}: no survey ${JSON.stringify(surveyId)} with a type`)
const { min, max } = scales[survey!.type!]
const scores = Array.from({ length: max - min + 1 }, (_, i) => min + i)
const link = (score?: number) => signedLink(settings.publicUrl, settings.linkSecret!, surveyId, { ...fields, score })

if (html) {
  const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;')
  console.log('<table role="presentation"><tr>')
  for (const score of scores) console.log(`  <td><a href="${escape(link(score))}">${score}</a></td>`)
  console.log('</tr></table>')
} else {
  console.log(link())
  for (const score of scores) console.log(link(score))
}
