import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { init } from '../../src/init'
import type { SaysoError } from '../../src/types'
import { checkSurveysFile } from '../../src/schema/check-surveys-file'
import { checkAll } from './check-all'
import { fakeTransport } from './helpers'

const messagesOf = (json: unknown) => checkSurveysFile(json).problems.map((problem) => problem.message)
const surveysJson = readFileSync(join(import.meta.dirname, '../../surveys.json'), 'utf8')

describe('surveys.json in the browser', () => {
  afterEach(() => {
    vi.unstubAllGlobals()
    vi.useRealTimers()
    localStorage.clear()
  })

  it('runs the surveys of this repository’s surveys.json from configUrl, $schema and all', async () => {
    vi.useFakeTimers()
    vi.stubGlobal('fetch', vi.fn(async () => new Response(surveysJson)))
    const sayso = init({ transport: fakeTransport().transport, configUrl: '/surveys.json' })
    const errors: SaysoError[] = []
    sayso.on('error', (error) => errors.push(error))
    await vi.advanceTimersByTimeAsync(10)
    expect(errors).toEqual([])
    expect(sayso.show('csat-delivery', { force: true })).toBe(true)
    sayso.destroy()
  })
})

describe('checking surveys.json on the collector', () => {
  it('takes this repository’s surveys.json, $schema and all, and gives its surveys as written', () => {
    const json = JSON.parse(surveysJson)
    expect(checkSurveysFile(json)).toEqual({ surveys: json.surveys, problems: [] })
  })

  it('leaves out each survey with a problem, saying why as the browser does, and keeps the others as written', () => {
    const ok = { id: 'ok', type: 'csat', trigger: 'manual' }
    const surveys = [{ id: 'a', type: 'nps', trigger: { delay: 'soon' } }, ok, { id: 'ok', type: 'nps', sample: 2 }, 'nps']
    const { surveys: kept, problems } = checkSurveysFile({ surveys })
    expect(problems.map((problem) => problem.message)).toEqual([
      'surveys[0].trigger.delay: expected a number ≥ 0, got "soon"',
      'surveys[0]: survey left out for the problems above',
      'surveys[2].sample: expected a number 0–1, got 2',
      'surveys[2].id: expected an id no other survey has, got "ok"; survey left out',
      'surveys[3]: expected a survey object, got "nps"',
      'surveys[3]: survey left out for the problems above'
    ])
    expect(kept).toEqual([ok])
  })

  it.each([
    [{ id: 'x', type: 'poll' }],
    [{ id: 'x', type: 'nps', trigger: 'auto' }],
    [{ id: 'x', type: 'nps', trigger: { evnt: 'buy' } }],
    [{ id: 'x', type: 'nps', followUp: { qestion: 'Why?' } }],
    [{ id: 'x', type: 'nps', question: { en: 'How?', pl: 7 } }],
    [{ id: 'x', type: 'nps', audience: { attributes: { plan: [1] }, device: 'tv' } }],
    [{ id: 'x', type: 'nps', frequency: { answeredDays: -1 }, sample: 'all' }],
    [{ id: 'x', type: 'nps', labels: { low: 1 }, thankYou: { closeAfterMs: 'soon' } }],
    [{ id: 'x', type: 'nps', inline: 'div[' }],
    [{ id: 'x', type: 'nps', followUp: { choices: ['a'.repeat(101), { value: '' }, 3], comment: 1 } }],
    [{ id: 'x', type: 'nps', followUp: { choices: { detractor: [], promoter: Array.from({ length: 21 }, (_, i) => `r${i}`) } } }],
    [{ id: 'x', type: 'nps', thankYou: { action: { label: 'Review', detractor: { url: 'javascript:void 0' }, passive: 'x' } } }],
    [{ id: 'x', type: 'nps', thankYou: { action: { url: 'ftp://acme.example/', target: '_self' } } }]
  ])('says of %j what the browser says', (survey) => {
    expect(messagesOf({ surveys: [survey] })).toEqual(checkAll({ endpoint: '/api/answers', surveys: [survey] }).problems.map((problem) => problem.message))
  })

  it('names how a survey looks also when it is left out for when it shows, which a browser never draws', () => {
    expect(messagesOf({ surveys: [{ id: 'x', type: 'poll', thankYou: { closeAfterMs: -1 } }] })).toEqual([
      `surveys[0].type: expected 'nps' or 'csat' or 'ces', got "poll"`,
      'surveys[0].thankYou.closeAfterMs: expected a number ≥ 0, got -1',
      'surveys[0]: survey left out for the problems above'
    ])
  })

  it('names what is wrong with the file itself, and still checks its surveys', () => {
    expect(messagesOf({ $schema: 5, surveys: [{ id: 'a', type: 'nps' }], version: 2 })).toEqual([
      '$schema: expected a string, got 5',
      'version: unknown option, left out'
    ])
    expect(checkSurveysFile({ version: 2, surveys: [{ id: 'a', type: 'nps' }] }).surveys).toEqual([{ id: 'a', type: 'nps' }])
    expect(messagesOf({ surveys: { a: {} } })).toEqual(['surveys: expected a list of surveys, got an object'])
    expect(messagesOf([])).toEqual(['(root): expected an object such as { "surveys": [ … ] }, got a list'])
    expect(checkSurveysFile(null)).toEqual({ surveys: [], problems: [expect.objectContaining({ path: '(root)' })] })
  })
})
