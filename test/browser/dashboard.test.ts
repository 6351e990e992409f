import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import type { Display } from '../../src/types'
import { makeAnswer } from '../unit/helpers'
import { startCollector as startProductionCollector, TOKEN } from '../unit/running-collector'
import { eventually, startReceiver } from '../unit/webhook-receiver'
import { closeAll, startHooked, webhookDatabases } from '../unit/webhooks-running'
import { newPage, root, useCollectorAndBrowser, watch } from './harness'

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')
type Violation = { id: string; impact: string; help: string; nodes: { target: unknown }[] }

/** axe-core's violations on the page, each as a line: rule, impact, what it asks, where. */
const axeViolations = async (page: Page) => {
  // Evaluated by the test's driver: the dashboard's CSP refuses inline scripts, and stays on.
  await page.evaluate(axeSource)
  const violations: Violation[] = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<{ violations: Violation[] }> } }).axe
    return (await axe.run(document, { resultTypes: ['violations'] })).violations
  })
  return violations.map((violation) => `${violation.id} (${violation.impact}): ${violation.help} — ${JSON.stringify(violation.nodes.map((node) => node.target))}`)
}

/** What has the keyboard's focus: its label's text, or its own. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null
    const label = element?.closest('label')?.firstChild?.textContent ?? element?.textContent
    return label?.trim() ?? ''
  })

// The dashboard is the team's own page, not a visitor's: Chromium only.
const setup = useCollectorAndBrowser()

describe('the dashboard', () => {
  it('shows the scores, the distributions, the trend and the latest comments of known answers', async () => {
    const at = (day: number, extra: object) => makeAnswer({ createdAt: new Date(Date.UTC(2026, 10, day, 12)).toISOString(), ...extra })
    const answers = [
      // NPS: 3 promoters, 1 passive, 1 detractor → +40
      at(2, { surveyId: 'nps-main', score: 10, comment: 'Loved the tent', device: 'mobile', reasons: ['quality', 'price'] }),
      at(3, { surveyId: 'nps-main', score: 9, device: 'mobile', reasons: ['quality'] }),
      at(10, { surveyId: 'nps-main', score: 9, device: 'mobile' }),
      at(10, { surveyId: 'nps-main', score: 7, device: 'desktop' }),
      at(11, { surveyId: 'nps-main', score: 2, comment: 'Late delivery', device: 'desktop', reasons: ['delivery'] }),
      // CSAT: 2 of 3 satisfied → 66.7 %
      at(4, { surveyId: 'csat-help', type: 'csat', score: 5 }),
      at(4, { surveyId: 'csat-help', type: 'csat', score: 4 }),
      at(12, { surveyId: 'csat-help', type: 'csat', score: 1 }),
      // CES: mean 5.5
      at(5, { surveyId: 'ces-returns', type: 'ces', score: 7 }),
      at(6, { surveyId: 'ces-returns', type: 'ces', score: 4 })
    ]
    // Shown to three more who gave no score, one of whom closed it.
    const { score: _score, comment: _comment, ...shown } = at(11, { surveyId: 'nps-main' })
    const displays: Display[] = [1, 2, 3].map((n) => ({ ...shown, reasons: undefined, id: `shown-${n}`, complete: false, ...(n === 3 && { dismissed: true }) }))
    await setup.collector.store.upsert([...answers, ...displays])
    const page = await newPage(setup.browser, { viewport: { width: 1200, height: 1000 } })
    const problems = watch(page)
    await page.goto(`${setup.collector.base}/dashboard`)
    await page.locator('.card').first().waitFor()
    const cards = await page.locator('.card').evaluateAll((cards) =>
      Object.fromEntries(
        cards.map((card) => [
          card.getAttribute('data-survey'),
          {
            score: card.querySelector('.score')!.textContent!.replace(/\s+/g, ' ').trim(),
            breakdown: card.querySelector('.breakdown')!.textContent,
            margin: card.querySelector('.margin')!.textContent,
            funnel: card.querySelector('.funnel')!.textContent,
            bars: card.querySelectorAll('svg rect').length,
            points: card.querySelectorAll('.trend-dot').length
          }
        ])
      )
    )
    // The margins by hand (z = 1.959964): NPS adjusted (docs/results.md), p̃ = 3.75 ÷ 8, d̃ = 1.75 ÷ 8,
    // √((0.6875 − 0.0625) ÷ 8) · z × 100 = 54.8;
    // CSAT 2 of 3 by Wilson, half its width 36.5; CES 7 and 4: sd √4.5, t(0.975, 1) = 12.706 · √4.5 ÷ √2 = 19.06.
    expect(cards).toEqual({
      'nps-main': { score: '+40 n = 5', breakdown: '3 promoters · 1 passives · 1 detractors', margin: '± 54.8 (95 % confidence)', funnel: '8 shown → 5 scored (62.5 %) → 5 completed · 1 dismissed', bars: 11, points: 2 },
      'csat-help': { score: '66.7 % n = 3', breakdown: '2 of 3 satisfied', margin: '± 36.5 (95 % confidence)', funnel: '3 shown → 3 scored (100 %) → 3 completed · 0 dismissed', bars: 5, points: 2 },
      'ces-returns': { score: '5.5 n = 2', breakdown: '1 of 2 found it easy (50 %)', margin: '± 19.06 (95 % confidence)', funnel: '2 shown → 2 scored (100 %) → 2 completed · 0 dismissed', bars: 7, points: 1 }
    })
    // Bars are coloured by segment: for NPS, the 2 is a detractor, the 7 a passive, the 9s and 10 promoters.
    const colours = await page.locator('[data-survey="nps-main"] svg rect').evaluateAll((rects) => rects.map((rect) => rect.getAttribute('class')))
    expect(colours).toEqual([...Array(7).fill('detractor'), 'passive', 'passive', 'promoter', 'promoter'])
    const heights = await page.locator('[data-survey="nps-main"] svg rect').evaluateAll((rects) => rects.map((rect) => Number(rect.getAttribute('height'))))
    expect(heights[9]).toBeGreaterThan(heights[10])
    expect(heights[2]).toBeGreaterThan(0)
    expect(await page.locator('.comments li .comment').allTextContents()).toEqual(['Late delivery', 'Loved the tent'])
    // The reasons of the choice follow-up, most given first, as shares of the 5 answers.
    const reasons = await page.locator('[data-survey="nps-main"] .reasons li').evaluateAll((items) =>
      items.map((item) => [item.getAttribute('data-reason'), item.querySelector('.figure')!.textContent!.replace(/\s+/g, ' ').trim(), item.querySelector('meter')!.getAttribute('aria-label')])
    )
    expect(reasons).toEqual([
      ['quality', '2 · 40 %', 'quality: 2 of 5 answers'],
      ['delivery', '1 · 20 %', 'delivery: 1 of 5 answers'],
      ['price', '1 · 20 %', 'price: 1 of 5 answers']
    ])
    await page.screenshot({ path: join(root, 'test-output/screenshots/dashboard.png'), fullPage: true })

    await page.getByLabel('Survey').selectOption('csat-help')
    await page.locator('.card').nth(0).waitFor()
    await page.waitForFunction(() => document.querySelectorAll('.card').length === 1)
    expect(await page.locator('.card').getAttribute('data-survey')).toBe('csat-help')
    expect(new URL(page.url()).searchParams.get('survey')).toBe('csat-help')
    await page.getByLabel('To').fill('2026-11-05')
    await page.waitForFunction(() => document.querySelector('.card .score')?.textContent?.includes('n = 2'))
    expect(await page.locator('.card .change').count()).toBe(0)

    // With both dates, against the six days before: NPS 0 (9, 7, 2) after 100 (10, 9), whose
    // intervals (−61.1 to 61.1, −24.4 to 100) overlap: so few answers tell nothing apart.
    await page.getByLabel('Survey').selectOption('nps-main')
    await page.getByLabel('From').fill('2026-11-06')
    await page.getByLabel('To').fill('2026-11-11')
    await page.waitForFunction(() => document.querySelector('.card .change'))
    expect(await page.locator('.card .change').textContent()).toBe('−100 against the period before (+100): not significant')

    // Split by device, kept in the address: mobile 10, 9, 9 (+100, −6.6 to 100), desktop 7, 2 (−50,
    // −79.4 to 39.4): the intervals overlap.
    await page.goto(`${setup.collector.base}/dashboard?survey=nps-main&by=device`)
    await page.locator('.segments li').first().waitFor()
    expect(await page.getByLabel('Split by').inputValue()).toBe('device')
    const segments = await page.locator('.segments li').evaluateAll((items) =>
      items.map((item) => [item.getAttribute('data-segment'), item.querySelector('.figure')!.textContent, item.querySelector('.significance')!.textContent])
    )
    expect(segments).toEqual([
      ['desktop', '-50 ± 59.4 · n = 2', 'not significant'],
      ['mobile', '+100 ± 53.3 · n = 3', 'not significant'],
      ['', '– · n = 0', '']
    ])
    expect(await page.locator('.segments li .segment-reasons').allTextContents()).toEqual(['reasons: delivery 1', 'reasons: quality 2 · price 1'])
    await page.screenshot({ path: join(root, 'test-output/screenshots/dashboard-segments.png'), fullPage: true })
    expect(problems).toEqual([])
  })

  it('behind its token (npm start): asks for it, sends it only as a header, and downloads the CSV with it', async () => {
    const collector = await startProductionCollector()
    try {
      await collector.store.upsert([makeAnswer({ surveyId: 'nps-main', score: 9, comment: 'Quick checkout' })])
      const page = await newPage(setup.browser)
      const problems = watch(page)
      const reads: { url: string; authorization?: string }[] = []
      page.on('request', (request) => {
        if (new URL(request.url()).pathname.startsWith('/api/')) reads.push({ url: request.url(), authorization: request.headers()['authorization'] })
      })
      await page.goto(`${collector.at}/dashboard`)
      await page.getByLabel('Dashboard token').fill(TOKEN)
      // Before it has the token, the dashboard asks without one, and is told to ask the visitor.
      expect(reads.length).toBeGreaterThan(0)
      for (const read of reads.splice(0)) expect(read.authorization).toBeUndefined()
      await page.getByRole('button', { name: 'Open the results' }).click()
      await page.locator('[data-survey="nps-main"] .score').waitFor()
      expect(await page.locator('[data-survey="nps-main"] .score').textContent()).toMatch(/\+100/)

      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()])
      const csv = await new Promise<string>((done, fail) =>
        download.createReadStream().then((stream) => {
          const chunks: Buffer[] = []
          stream.on('data', (chunk: Buffer) => chunks.push(chunk))
          stream.on('end', () => done(Buffer.concat(chunks).toString('utf8')))
          stream.on('error', fail)
        }, fail)
      )
      expect(download.suggestedFilename()).toBe('sayso-answers.csv')
      expect(csv).toContain('Quick checkout')
      // Every read since carried the token in its header, none in its address.
      expect(reads.some((read) => read.url.includes('/api/answers.csv'))).toBe(true)
      for (const read of reads) {
        expect(read.authorization).toBe(`Bearer ${TOKEN}`)
        expect(read.url).not.toContain(TOKEN)
      }
      // The browser logs the first reads' 401, which asked for the token; nothing else went wrong.
      expect(problems.filter((problem) => !problem.includes('status of 401'))).toEqual([])
    } finally {
      await collector.close()
    }
  })
})

describe('the dashboard with webhooks and attributes', () => {
  const { databases, cleanUp } = webhookDatabases()
  afterEach(async () => {
    await closeAll()
    await cleanUp()
  })

  it("shows each hook's state, splits by an attribute, finds comments by keyboard alone, and passes axe", async () => {
    const healthy = await startReceiver()
    const broken = await startReceiver()
    broken.setMode('fail')
    try {
      const collector = await startHooked(databases[0][1](), [
        { url: `${healthy.url}/hooks/sayso`, format: 'json' },
        { url: `${broken.url}/services/T000/B000/abcdefghijklmnopqrstuvwx`, format: 'slack', when: { segments: ['detractor'] } }
      ])
      // Eight promoters on the pro plan, eight detractors on the free one: apart beyond the margins.
      const comments = ['Über schnell geliefert', 'Fine 100% of the time']
      const answers = [
        ...Array.from({ length: 8 }, (_, n) => makeAnswer({ score: 9 + (n % 2), comment: comments[n], attributes: { plan: 'pro' } })),
        ...Array.from({ length: 8 }, (_, n) => makeAnswer({ score: n % 7, comment: n === 0 ? 'Delivery was late' : undefined, attributes: { plan: 'free' } }))
      ]
      expect((await collector.post({ answers })).status).toBe(200)
      // Every answer reaches the healthy hook; the detractors' have failed at the broken one.
      const settled = () =>
        collector.hookStates().then((states) => states[0].delivered === 16 && Number(states[1].failing) + Number(states[1].givenUp) === 8 && !!states[1].lastError)
      expect(await eventually(settled)).toBe(true)

      const page = await newPage(setup.browser, { viewport: { width: 1200, height: 1000 } })
      const problems = watch(page)
      await page.goto(`${collector.at}/dashboard#token=${TOKEN}`)
      await page.locator('.hooks li').nth(1).waitFor()
      const hooks = await page.locator('.hooks li').evaluateAll((items) =>
        items.map((item) => ({
          state: item.querySelector('.state')!.textContent,
          url: item.querySelector('.url')!.textContent,
          counts: item.querySelector('.counts')!.textContent,
          error: item.querySelector('.last-error')?.textContent?.replace(/\(.*?\)/, '(…)') ?? null
        }))
      )
      expect(hooks).toEqual([
        { state: 'delivered', url: `${healthy.url}/hooks/sayso`, counts: '16 delivered · 0 waiting · 0 failing · 0 given up', error: null },
        { state: 'failing', url: `${broken.url}/services/T000/B000/abcd…`, counts: '0 delivered · 0 waiting · 8 failing · 0 given up', error: expect.stringMatching(/^last error \(…\): .*500/) }
      ])

      // The keyboard alone: the controls in reading order, each reached with Tab (a date has
      // three fields, month, day and year, each a stop of its own).
      await page.locator('body').focus()
      const order: string[] = []
      for (let step = 0; step < 30 && order.at(-1) !== 'Search'; step++) {
        await page.keyboard.press('Tab')
        const label = await focused(page)
        if (order.at(-1) !== label) order.push(label)
      }
      expect(order).toEqual(['Survey', 'From', 'To', 'Split by', 'Trend by', 'Download CSV', 'Refresh', 'Search the comments', 'Search'])
      // Split by the plan attribute: "Split by" is four Tabs back; a select changes with the arrow keys.
      for (let step = 0; step < 5; step++) await page.keyboard.press('Shift+Tab')
      expect(await focused(page)).toBe('Split by')
      const options = await page.getByLabel('Split by').locator('option').allTextContents()
      expect(options).toEqual(['nothing', 'device', 'locale', 'path', 'plan'])
      for (let step = 0; step < 4; step++) await page.keyboard.press('ArrowDown')
      await page.locator('[data-survey] .segments li').first().waitFor()
      expect(new URL(page.url()).searchParams.get('by')).toBe('attributes.plan')
      // Adjusted Wald: −100 to −38.5 and 38.5 to 100 (docs/results.md), which do not overlap.
      const segments = await page
        .locator('.segments li')
        .evaluateAll((items) => items.map((item) => [item.getAttribute('data-segment'), item.querySelector('.figure')!.textContent, item.querySelector('.significance')!.textContent]))
      expect(segments).toEqual([
        ['free', '-100 ± 30.7 · n = 8', 'differs significantly'],
        ['pro', '+100 ± 30.7 · n = 8', 'differs significantly']
      ])

      // Search in another case, with a character that SQL's LIKE would take as a wildcard.
      await page.getByLabel('Search the comments').focus()
      await page.keyboard.type('über')
      await page.keyboard.press('Enter')
      await page.waitForFunction(() => document.querySelectorAll('.comments li').length === 1)
      expect(await page.locator('.comments li .comment').textContent()).toBe('Über schnell geliefert')
      expect(await page.locator('.comments li mark').textContent()).toBe('Über')
      await page.getByLabel('Search the comments').fill('100%')
      await page.keyboard.press('Enter')
      await page.waitForFunction(() => document.querySelector('.comments li .comment')?.textContent === 'Fine 100% of the time')
      expect(await page.locator('.comments li').count()).toBe(1)

      // One plan's comments, by keyboard; the view is in the address, and a reload shows it again.
      await page.getByLabel('Search the comments').fill('')
      await page.keyboard.press('Enter')
      await page.getByLabel('Comments of plan').focus()
      await page.keyboard.press('ArrowDown')
      await page.waitForFunction(() => document.querySelectorAll('.comments li').length === 1)
      expect(await page.locator('.comments li .comment').allTextContents()).toEqual(['Delivery was late'])
      expect(await page.locator('.comment-count').textContent()).toBe('1 comment (plan: free)')
      await page.reload()
      await page.locator('.comments li').first().waitFor()
      expect(await page.locator('.comments li .comment').allTextContents()).toEqual(['Delivery was late'])
      expect(await page.getByLabel('Comments of plan').inputValue()).toBe('"free"')

      expect(await axeViolations(page)).toEqual([])
      await page.screenshot({ path: join(root, 'test-output/screenshots/dashboard-hooks.png'), fullPage: true })
      expect(problems).toEqual([])
    } finally {
      await healthy.close()
      await broken.close()
    }
  })
})
