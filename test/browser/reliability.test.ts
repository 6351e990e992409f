import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { asGiven, leaveBacklog, type Given } from './backlog'
import { poll } from './engines/driver'
import { launch, watch } from './harness'
import { snippetPage } from './pages/snippet-page'
import { useSite } from './site'

// docs/delivery.md's page-level scenarios that need Chromium's own controls (closing a tab with its
// unload, replacing Storage and sendBeacon before the page runs), and the soak. The scenarios that
// depend on the engine — offline, reload, two tabs, leaving — run in all three: delivery.test.ts.
// "One row" is shown by the rows stored since the test began matching the answers given, in
// number and content, and by how many 2xx replies carried each id.
const setup = useSite()
let browser: Browser
beforeAll(async () => {
  browser = await launch()
})
afterAll(() => browser?.close())

const page = snippetPage({
  config: {
    endpoint: '/api/answers',
    surveys: [{ id: 'nps', type: 'nps', trigger: 'manual', followUp: false, thankYou: { closeAfterMs: 0 } }]
  }
})

const open = async (context: BrowserContext) => {
  const tab = await context.newPage()
  tab.setDefaultTimeout(5000)
  await tab.goto(setup.site.serve('/shop', page))
  await tab.waitForFunction(() => (window as unknown as { sayso?: { version?: string } }).sayso?.version)
  return tab
}

/** Answers the NPS as a visitor would and returns what was given. */
const answer = async (tab: Page, score = 9, note?: string): Promise<Given> => {
  const id = tab.evaluate(
    () => new Promise<string>((resolve) => (window as unknown as { sayso: (...a: unknown[]) => void }).sayso('on', 'answer', (a: { id: string }) => resolve(a.id)))
  )
  if (note) {
    // A comment this long only fits the wire through the follow-up; here it rides in an attribute.
    // Given before the survey shows: its display, and so its answer, takes the attributes then.
    await tab.evaluate((text) => (window as unknown as { sayso: (...a: unknown[]) => void }).sayso('identify', 'u1', { note: text }), note)
  }
  // Forced: these tests answer many times in a row, which the frequency rules would rightly stop.
  await tab.evaluate(() => (window as unknown as { sayso: (...a: unknown[]) => void }).sayso('show', 'nps', { force: true }))
  await tab.getByRole('radio', { name: String(score), exact: true }).click()
  await tab.waitForSelector('sayso-widget', { state: 'detached' })
  return { id: await id, surveyId: 'nps', score, complete: true }
}

const queueEmpty = (tab: Page, timeout = 5000) => tab.waitForFunction(() => !Object.keys(localStorage).some((key) => key.startsWith('sayso:q:')), undefined, { timeout })

describe('docs/delivery.md page-level scenarios, in Chromium', () => {
  it('1: a normal answer — one request within 2 s, storage emptied, one row', async () => {
    const { site } = setup
    const mark = await site.mark()
    const context = await browser.newContext()
    const tab = await open(context)
    const problems = watch(tab)
    const started = Date.now()
    const given = await answer(tab)
    const rows = await site.rowsSince(mark, (rows) => rows.length > 0, 2000)
    expect(Date.now() - started).toBeLessThan(2000)
    expect(asGiven(rows)).toEqual([given])
    await poll('the reply', async () => site.deliveriesOf(given.id, mark).accepted > 0)
    expect(site.deliveriesOf(given.id, mark)).toEqual({ requests: 1, accepted: 1 })
    await queueEmpty(tab)
    expect(problems).toEqual([])
    await context.close()
  })

  it('12: the tab closed 50 ms after the answer — delivered on leaving or on the next visit, once', async () => {
    const { site } = setup
    const mark = await site.mark()
    const context = await browser.newContext()
    const tab = await open(context)
    const given = await answer(tab, 10)
    await tab.waitForTimeout(50)
    await tab.close({ runBeforeUnload: true })
    let rows = await site.rowsSince(mark, (rows) => rows.length > 0, 2000)
    if (!rows.length) {
      const next = await open(context)
      rows = await site.rowsSince(mark)
      await next.close()
    }
    expect(asGiven(rows)).toEqual([given])
    await poll('the reply', async () => site.deliveriesOf(given.id, mark).accepted > 0)
    // Sent once, by whichever page view sent it: leaving twice would make two.
    await new Promise((settle) => setTimeout(settle, 300))
    expect(site.deliveriesOf(given.id, mark).accepted).toBe(1)
    await context.close()
  })

  it('15: localStorage that throws QuotaExceededError — the widget works, the answer arrives, no error in the page', async () => {
    const { site } = setup
    const mark = await site.mark()
    const context = await browser.newContext()
    await context.addInitScript(() => {
      Storage.prototype.setItem = () => {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError')
      }
    })
    const tab = await open(context)
    const problems = watch(tab)
    const given = await answer(tab, 6)
    expect(asGiven(await site.rowsSince(mark))).toEqual([given])
    expect(await tab.evaluate(() => window.testPage.pageErrors)).toEqual([])
    expect(problems).toEqual([])
    await context.close()
  })

  it('18: keepalive over budget and sendBeacon refused — nothing lost, all delivered on the next visit', { timeout: 90_000 }, async () => {
    const { site } = setup
    site.collector.trouble.set({ mode: 'silent' })
    const mark = await site.mark()
    const context = await browser.newContext()
    await context.addInitScript(() => {
      Navigator.prototype.sendBeacon = () => {
        localStorage.setItem('refused-beacons', String(Number(localStorage.getItem('refused-beacons')) + 1))
        return false
      }
    })
    const tab = await open(context)
    const given: Given[] = []
    for (let i = 0; i < 12; i++) given.push(await answer(tab, 9, 'x'.repeat(3500)))
    await tab.close({ runBeforeUnload: true })
    site.collector.trouble.set({ mode: 'none' })
    const next = await open(context)
    // The page left with more than 32 KiB of keepalive requests hanging, so it tried beacons, which were refused.
    expect(Number(await next.evaluate(() => localStorage.getItem('refused-beacons')))).toBeGreaterThan(0)
    // An answer whose display was still on the way (hanging) when the page left stays claimed by
    // that request until its claim lapses (20 s), and then goes: hence the long wait.
    const rows = await site.rowsSince(mark, (rows) => rows.length >= given.length, 40_000)
    expect(asGiven(rows)).toEqual(asGiven(given))
    expect(rows.every((row) => (row.attributes?.note as string).length === 3500)).toBe(true)
    // What the hanging requests carried is "maybe sent": it goes again once their claims lapse.
    await queueEmpty(next, 40_000)
    await context.close()
  })
})

describe('soak, in Chromium', () => {
  it('drains 500 answers through 30 % failing requests: 500 rows as given, none told twice it was stored', { timeout: 120_000 }, async () => {
    const { site } = setup
    site.collector.trouble.set({ mode: 'fail', share: 0.3 })
    const mark = await site.mark()
    const context = await browser.newContext()
    const tab = await open(context)
    const started = Date.now()
    // Answers arrive in waves of 100, as fast as storage takes them; the queue holds at most 200.
    const given: Given[] = []
    for (let wave = 0; wave < 5; wave++) {
      await tab.waitForFunction(() => Object.keys(localStorage).filter((key) => key.startsWith('sayso:q:')).length <= 100, undefined, { timeout: 60_000 })
      given.push(...(await tab.evaluate(leaveBacklog, { surveyId: 'soak', scores: Array.from({ length: 100 }, (_, i) => i % 11) })))
      await tab.evaluate(() => (window as unknown as { sayso: (...a: unknown[]) => void }).sayso('flush'))
    }
    const rows = await site.rowsSince(mark, (rows) => rows.length >= given.length, 100_000)
    const drained = Date.now() - started
    await poll('every reply', async () => given.every(({ id }) => site.deliveriesOf(id, mark).accepted > 0))
    const requests = site.deliveries.slice(mark.deliveries)
    const failed = requests.filter((request) => request.status === 503).length
    const deliveredTwice = given.filter(({ id }) => site.deliveriesOf(id, mark).accepted > 1).length
    console.log(`soak: ${given.length} answers, ${requests.length} requests, ${failed} failed on purpose (503), drained in ${(drained / 1000).toFixed(1)} s`)
    expect(asGiven(rows)).toEqual(asGiven(given))
    expect(deliveredTwice).toBe(0)
    expect(failed).toBeGreaterThan(0)
    await context.close()
  })
})
