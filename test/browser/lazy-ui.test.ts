import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import type { Answer } from '../../src/types'
import { makeAnswer } from '../unit/helpers'
import { newPage, useCollectorAndBrowser, watch } from './harness'

// Issue #7: sayso.js loads its other parts only when a page view needs them: sayso.ui.<hash>.js and
// sayso.outbox.<hash>.js when a survey is on its way, the outbox alone when answers wait from an
// earlier page view, sayso.remote.<hash>.js when surveys come from configUrl.
const setup = useCollectorAndBrowser()

const page = (surveys: object[], configUrl?: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Lazy</title>
<script>
  window.sayso = window.sayso || function () { (window.sayso.q = window.sayso.q || []).push(arguments) };
  sayso('init', { endpoint: '/api/answers', frequency: { cooldownDays: 0 }, surveys: ${JSON.stringify(surveys)}${configUrl ? `, configUrl: '${configUrl}'` : ''} });
  sayso('on', 'error', function (e) { (window.saysoErrors = window.saysoErrors || []).push(e.reason + ': ' + e.message) });
</script><script async src="/sayso.js"></script></head><body><h1>A shop</h1><button id="buy">Buy</button></body></html>`

interface Options {
  /** Parts answered with a 404. */
  fail?: string[]
  /** Answers left in the queue by an earlier page view. */
  waiting?: Answer[]
  /** Surveys served as the configUrl file. */
  remote?: object[]
}

const open = async (surveys: object[], { fail = [], waiting = [], remote }: Options = {}) => {
  const tab = await newPage(setup.browser)
  const problems = watch(tab)
  // The parts requested, by name: `ui`, `outbox`, `remote`.
  const parts: string[] = []
  tab.on('request', (request) => {
    const part = /\/sayso\.(\w+)\.[0-9a-f]{8}\.js$/.exec(request.url())?.[1]
    if (part) parts.push(part)
  })
  for (const part of fail) await tab.route(new RegExp(`/sayso\\.${part}\\.[0-9a-f]{8}\\.js$`), (route) => route.fulfill({ status: 404, body: 'not here' }))
  await tab.addInitScript((answers) => {
    if (sessionStorage.getItem('seeded')) return
    sessionStorage.setItem('seeded', '1')
    for (const answer of answers) localStorage.setItem(`sayso:q:/api/answers:${answer.id}`, JSON.stringify({ answer }))
  }, waiting)
  await tab.route(/\/remote-surveys\.json$/, (route) => route.fulfill({ contentType: 'application/json', body: JSON.stringify({ surveys: remote }) }))
  const configUrl = remote && '/remote-surveys.json'
  await tab.route(`${setup.collector.base}/lazy`, (route) => route.fulfill({ contentType: 'text/html', body: page(surveys, configUrl) }))
  await tab.goto(`${setup.collector.base}/lazy`)
  await tab.waitForFunction(() => (window as unknown as { sayso?: { version?: string } }).sayso?.version)
  return { tab, problems, parts }
}
const errorsOf = async (tab: Page) => {
  await tab.waitForFunction(() => ((window as unknown as { saysoErrors?: string[] }).saysoErrors ?? []).length > 0)
  return tab.evaluate(() => (window as unknown as { saysoErrors: string[] }).saysoErrors)
}
const queued = (tab: Page) => tab.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('sayso:q:')).length)
const track = (tab: Page, event: string) => tab.evaluate((event) => (window as unknown as { sayso: (...a: unknown[]) => void }).sayso('track', event), event)

describe('the parts of the core build, loaded when needed', () => {
  it('none is requested on a page view that triggers no survey and has nothing to send', async () => {
    const { tab, parts, problems } = await open([
      { id: 'after-buy', type: 'nps', trigger: { event: 'purchase' } },
      { id: 'pricing', type: 'ces', trigger: { url: '/pricing' } },
      { id: 'manual', type: 'csat', trigger: 'manual' }
    ])
    await track(tab, 'something_else')
    await tab.waitForTimeout(2500)
    expect(parts).toEqual([])
    expect(problems).toEqual([])
  })

  it('the drawing and sending parts load when a survey comes, which then shows and records the answer', async () => {
    const { tab, parts } = await open([{ id: 'lazy-nps', type: 'nps', trigger: { event: 'purchase', delay: 500 } }])
    await track(tab, 'purchase')
    await tab.getByRole('dialog', { name: 'How likely are you to recommend us to a friend or colleague?' }).waitFor()
    expect(parts.sort()).toEqual(['outbox', 'ui'])
    await tab.getByRole('radio', { name: '10', exact: true }).click()
    const rows = await setup.collector.rows((rows) => rows.some((row) => row.surveyId === 'lazy-nps'))
    expect(rows.find((row) => row.surveyId === 'lazy-nps')).toMatchObject({ score: 10 })
  })

  it('the sending part alone loads on a page view where answers from an earlier one wait, and sends them', async () => {
    const waiting = [makeAnswer({ surveyId: 'left-over' }), makeAnswer({ surveyId: 'left-over' })]
    const { tab, parts, problems } = await open([{ id: 'later', type: 'nps', trigger: { event: 'purchase' } }], { waiting })
    const rows = await setup.collector.rows((rows) => waiting.every((answer) => rows.some((row) => row.id === answer.id)))
    expect(waiting.every((answer) => rows.some((row) => row.id === answer.id))).toBe(true)
    await tab.waitForFunction(() => !Object.keys(localStorage).some((key) => key.startsWith('sayso:q:')))
    expect(parts).toEqual(['outbox'])
    expect(problems).toEqual([])
  })

  it('the sending part failing to load (404) is reported, and the waiting answers stay for a later page view', async () => {
    const waiting = [makeAnswer({ surveyId: 'left-over' })]
    const { tab, problems } = await open([], { waiting, fail: ['outbox'] })
    expect(await errorsOf(tab)).toEqual([expect.stringMatching(/^transport: loading sayso's outbox part failed: /)])
    expect(await queued(tab)).toBe(1)
    // Once the part is there again, the next page view sends them.
    await tab.unroute(/\/sayso\.outbox\.[0-9a-f]{8}\.js$/)
    await tab.reload()
    const rows = await setup.collector.rows((rows) => rows.some((row) => row.id === waiting[0].id))
    expect(rows.some((row) => row.id === waiting[0].id)).toBe(true)
    expect(problems.filter((problem) => !problem.includes('404'))).toEqual([])
  })

  it('the sending part failing to load when a survey comes is reported as such, and no survey shows without it', async () => {
    const { tab } = await open([{ id: 'now', type: 'nps' }], { fail: ['outbox'] })
    expect(await errorsOf(tab)).toEqual([expect.stringMatching(/^transport: loading sayso's outbox part failed: /)])
    expect(await tab.locator('sayso-widget').count()).toBe(0)
  })

  it('the remote part loads for configUrl, and the surveys from it show', async () => {
    const { tab, parts } = await open([], { remote: [{ id: 'from-remote', type: 'ces', task: 'find a gift' }] })
    await tab.getByRole('dialog', { name: 'It was easy for me to find a gift.' }).waitFor()
    expect(parts.sort()).toEqual(['outbox', 'remote', 'ui'])
  })

  it('the remote part failing to load is reported at configUrl, and the inline surveys still show', async () => {
    const { tab } = await open([{ id: 'inline', type: 'csat' }], { remote: [], fail: ['remote'] })
    expect(await errorsOf(tab)).toEqual([expect.stringMatching(/^config: configUrl: loading sayso's remote part failed: /)])
    await tab.getByRole('dialog', { name: /satisfied/i }).waitFor()
  })

  it('the drawing part failing to load (404) is reported through error, breaks nothing, and answers still go out', async () => {
    // An answer left by an earlier page view, waiting to be sent.
    const waiting = makeAnswer({ surveyId: 'left-over' })
    const { tab, problems } = await open([{ id: 'now', type: 'nps' }], { fail: ['ui'] })
    await tab.evaluate((answer) => localStorage.setItem(`sayso:q:/api/answers:${answer.id}`, JSON.stringify({ answer })), waiting)
    await tab.evaluate(() => (window as unknown as { sayso: (...a: unknown[]) => Promise<void> }).sayso('flush'))
    const errors = await errorsOf(tab)
    expect(errors[0]).toMatch(/^ui: loading sayso's ui part failed: /)
    expect(await tab.locator('sayso-widget').count()).toBe(0)
    const rows = await setup.collector.rows((rows) => rows.some((row) => row.id === waiting.id))
    expect(rows.some((row) => row.id === waiting.id)).toBe(true)
    // The page itself goes on working.
    await tab.getByRole('button', { name: 'Buy' }).click()
    expect(problems.filter((problem) => !problem.includes('404'))).toEqual([])
  })
})
