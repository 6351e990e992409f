import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { surveysFileSchema } from '../../src/schema/survey-schema'
import { surveysJsonSchema } from '../../src/schema/surveys-json-schema'
import { validate } from './json-schema'
import { arbitrariesOf } from './zod-arbitrary'

// dist/surveys.schema.json, as `npm run build` writes it, read as an editor reads it.
const root = join(import.meta.dirname, '../..')
const folder = mkdtempSync(join(tmpdir(), 'sayso-schema-'))
afterAll(() => rmSync(folder, { recursive: true, force: true }))
const written = join(folder, 'surveys.schema.json')
execFileSync(join(root, 'node_modules/.bin/tsx'), [join(root, 'scripts/write-surveys-schema.ts'), written], { cwd: root })
const schema = JSON.parse(readFileSync(written, 'utf8'))
const errorsOf = (file: unknown) => validate(schema, file)

const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
const surveysJson = JSON.parse(readFileSync(join(root, 'surveys.json'), 'utf8'))

describe('surveys.schema.json', () => {
  it('is what the build writes from the zod schema of record, published beside the package', () => {
    expect(schema).toEqual(JSON.parse(JSON.stringify(surveysJsonSchema())))
    expect(packageJson.exports['./surveys.schema.json']).toBe('./dist/surveys.schema.json')
    expect(packageJson.scripts.build).toContain('scripts/write-surveys-schema.ts')
  })

  it('takes the surveys.json of this repository, which points its editors at it', () => {
    expect(surveysJson.$schema).toBe(packageJson.exports['./surveys.schema.json'])
    expect(errorsOf(surveysJson)).toEqual([])
  })

  it.each([
    [{ surveys: [{ id: 'a', type: 'nps', trigger: { delay: -1 } }] }, '/surveys/0/trigger: anyOf'],
    [{ surveys: [{ id: 'a', type: 'poll' }] }, '/surveys/0/type: enum'],
    [{ surveys: [{ type: 'nps' }] }, '/surveys/0: required id'],
    [{ surveys: [{ id: '', type: 'nps' }] }, '/surveys/0/id: minLength'],
    [{ surveys: [{ id: 'a', type: 'nps', trigger: 'auto' }] }, '/surveys/0/trigger: anyOf'],
    [{ surveys: [{ id: 'a', type: 'nps', sample: 2 }] }, '/surveys/0/sample: maximum'],
    [{ surveys: [{ id: 'a', type: 'nps', question: { en: 5 } }] }, '/surveys/0/question: anyOf'],
    [{ surveys: [{ id: 'a', type: 'nps', colour: 'red' }] }, '/surveys/0: additionalProperties colour'],
    [{ surveys: [{ id: 'a', type: 'nps', audience: { attributes: { plan: { gte: '1' } } } }] }, '/surveys/0/audience/attributes/plan: anyOf'],
    [{ surveys: 'nps' }, '/surveys: type'],
    [{ survey: [] }, '/: required surveys']
  ])('refuses %j', (file, error) => {
    expect(errorsOf(file)).toContain(error)
  })

  it('takes and refuses what zod does, but for the rules JSON Schema cannot say (each id once, a selector the browser takes)', { timeout: 60_000 }, () => {
    const arbitraries = arbitrariesOf(surveysFileSchema, { custom: () => ({ valid: fc.constant(null), wrong: fc.constant(null) }) })
    // Only JSON reaches an editor: NaN and Infinity become null there.
    const agree = ({ value }: { value: unknown }) => {
      const json = JSON.parse(JSON.stringify(value))
      const result = surveysFileSchema.safeParse(json)
      const saysValid = result.success || result.error.issues.every((issue) => issue.code == 'custom')
      expect(errorsOf(json).length == 0).toBe(saysValid)
    }
    fc.assert(fc.property(arbitraries.valid, agree), { numRuns: 100 })
    for (const site of arbitraries.sites) fc.assert(fc.property(arbitraries.withFault(site), agree), { numRuns: 4 })
  })
})
