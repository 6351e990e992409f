import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { readSurveys } from '../../collector/read-settings'

// The collector's surveys.json, checked with the schema of record (docs/collector.md, "Surveys").
const folder = mkdtempSync(join(tmpdir(), 'sayso-surveys-'))
afterAll(() => rmSync(folder, { recursive: true, force: true }))
const fileOf = (text: string) => {
  const file = join(folder, `${Math.random().toString(36).slice(2)}.json`)
  writeFileSync(file, text)
  return file
}

describe('the collector reads surveys.json', () => {
  it('serves the good surveys and leaves out a wrong one, with the browser’s words for why', () => {
    const file = fileOf(JSON.stringify({ surveys: [{ id: 'nps', type: 'nps' }, { id: 'bad', type: 'stars' }] }))
    const read = readSurveys(file)
    expect(read).toMatchObject({ surveys: [{ id: 'nps', type: 'nps' }] })
    if ('problem' in read) throw new Error(read.problem)
    expect(read.warnings.join('\n')).toMatch(/surveys\[1\]\.type/)
    expect(read.warnings.join('\n')).toMatch(/left out/)
  })

  it('refuses a file that is no JSON or has no list of surveys, naming the file', () => {
    expect(readSurveys(fileOf('{ surveys: '))).toEqual({ problem: expect.stringMatching(/\.json: .*JSON/) })
    expect(readSurveys(fileOf('{"surveys": {}}'))).toEqual({ problem: expect.stringMatching(/\.json: surveys/) })
  })

  it('has no surveys when there is no file', () => {
    expect(readSurveys(join(folder, 'none.json'))).toEqual({ warnings: [] })
  })
})
