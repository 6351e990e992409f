import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { makeAnswer } from '../unit/helpers'
import { newPage, useBuild, useCollectorAndBrowser, watch } from './harness'

// Issue #7: the core build loads its survey-drawing part (sayso.ui.js) only when a survey is on its way.
const setup = useCollectorAndBrowser()

const page = (surveys: object[]) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Lazy</title>
<script>
  window.sayso = window.sayso || function () { (window.sayso.q = window.sayso.q || []).push(arguments) };
  sayso('init', { endpoint: '/api/answers', frequency: { cooldownDays: 0 }, surveys: ${JSON.stringify(surveys)} });
  sayso('on', 'error', function (e) { (window.saysoErrors = window.saysoErrors || []).push(e.reason + ': ' + e.message) });
</script><script async src="/sayso.js"></script></head><body><h1>A shop</h1><button id="buy">Buy</button></body></html>`

const open = async (surveys: object[], { failUi = false } = {}) => {
  const tab = await newPage(setup.browser)
  const problems = watch(tab)
  await useBuild(tab, 'sayso.core.js')
  const uiRequests: string[] = []
  tab.on('request', (request) => request.url().endsWith('/sayso.ui.js') && uiRequests.push(request.url()))
  if (failUi) await tab.route(/\/sayso\.ui\.js$/, (route) => route.fulfill({ status: 404, body: 'not here' }))
  await tab.route(`${setup.collector.base}/lazy`, (route) => route.fulfill({ contentType: 'text/html', body: page(surveys) }))
  await tab.goto(`${setup.collector.base}/lazy`)
  await tab.waitForFunction(() => (window as unknown as { sayso?: { version?: string } }).sayso?.version)
  return { tab, problems, uiRequests }
}
const track = (tab: Page, event: string) => tab.evaluate((event) => (window as unknown as { sayso: (...a: unknown[]) => void }).sayso('track', event), event)

describe('the survey-drawing part, loaded when needed', () => {
  it('is never requested on a page view that triggers no survey', async () => {
    const { tab, uiRequests, problems } = await open([
      { id: 'after-buy', type: 'nps', trigger: { event: 'purchase' } },
      { id: 'pricing', type: 'ces', trigger: { url: '/pricing' } },
      { id: 'manual', type: 'csat', trigger: 'manual' }
    ])
    await track(tab, 'something_else')
    await tab.waitForTimeout(2500)
    expect(uiRequests).toEqual([])
    expect(problems).toEqual([])
  })

  it('is loaded when a survey comes, which then shows and records the answer', async () => {
    const { tab, uiRequests } = await open([{ id: 'lazy-nps', type: 'nps', trigger: { event: 'purchase', delay: 500 } }])
    await track(tab, 'purchase')
    await tab.getByRole('dialog', { name: 'How likely are you to recommend us to a friend or colleague?' }).waitFor()
    expect(uiRequests).toHaveLength(1)
    await tab.getByRole('radio', { name: '10', exact: true }).click()
    const rows = await setup.collector.rows((rows) => rows.some((row) => row.surveyId === 'lazy-nps'))
    expect(rows.find((row) => row.surveyId === 'lazy-nps')).toMatchObject({ score: 10 })
  })

  it('failing to load (404) is reported through error, breaks nothing, and answers still go out', async () => {
    // An answer left by an earlier page view, waiting to be sent.
    const waiting = makeAnswer({ surveyId: 'left-over' })
    const { tab, problems } = await open([{ id: 'now', type: 'nps' }], { failUi: true })
    await tab.evaluate((answer) => localStorage.setItem(`sayso:q:/api/answers:${answer.id}`, JSON.stringify({ answer })), waiting)
    await tab.evaluate(() => (window as unknown as { sayso: (...a: unknown[]) => Promise<void> }).sayso('flush'))
    await tab.waitForFunction(() => ((window as unknown as { saysoErrors?: string[] }).saysoErrors ?? []).length > 0)
    const errors = await tab.evaluate(() => (window as unknown as { saysoErrors: string[] }).saysoErrors)
    expect(errors[0]).toMatch(/^ui: loading the survey failed: /)
    expect(await tab.locator('sayso-widget').count()).toBe(0)
    const rows = await setup.collector.rows((rows) => rows.some((row) => row.id === waiting.id))
    expect(rows.some((row) => row.id === waiting.id)).toBe(true)
    // The page itself goes on working.
    await tab.getByRole('button', { name: 'Buy' }).click()
    expect(problems.filter((problem) => !problem.includes('404'))).toEqual([])
  })
})
