import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { makeAnswer } from '../unit/helpers'
import { startCollector as startProductionCollector, TOKEN } from '../unit/running-collector'
import { newPage, root, useCollectorAndBrowser, watch } from './harness'

// The dashboard is the team's own page, not a visitor's: Chromium only.
const setup = useCollectorAndBrowser()

describe('the dashboard', () => {
  it('shows the scores, the distributions, the trend and the latest comments of known answers', async () => {
    const at = (day: number, extra: object) => makeAnswer({ createdAt: new Date(Date.UTC(2026, 10, day, 12)).toISOString(), ...extra })
    const answers = [
      // NPS: 3 promoters, 1 passive, 1 detractor → +40
      at(2, { surveyId: 'nps-main', score: 10, comment: 'Loved the tent' }),
      at(3, { surveyId: 'nps-main', score: 9 }),
      at(10, { surveyId: 'nps-main', score: 9 }),
      at(10, { surveyId: 'nps-main', score: 7 }),
      at(11, { surveyId: 'nps-main', score: 2, comment: 'Late delivery' }),
      // CSAT: 2 of 3 satisfied → 66.7 %
      at(4, { surveyId: 'csat-help', type: 'csat', score: 5 }),
      at(4, { surveyId: 'csat-help', type: 'csat', score: 4 }),
      at(12, { surveyId: 'csat-help', type: 'csat', score: 1 }),
      // CES: mean 5.5
      at(5, { surveyId: 'ces-returns', type: 'ces', score: 7 }),
      at(6, { surveyId: 'ces-returns', type: 'ces', score: 4 })
    ]
    await setup.collector.store.upsert(answers)
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
            bars: card.querySelectorAll('svg rect').length,
            points: card.querySelectorAll('.trend-dot').length
          }
        ])
      )
    )
    expect(cards).toEqual({
      'nps-main': { score: '+40 n = 5', breakdown: '3 promoters · 1 passives · 1 detractors', bars: 11, points: 2 },
      'csat-help': { score: '66.7 % n = 3', breakdown: '2 of 3 satisfied', bars: 5, points: 2 },
      'ces-returns': { score: '5.5 n = 2', breakdown: '1 of 2 found it easy (50 %)', bars: 7, points: 1 }
    })
    // Bars are coloured by segment: for NPS, the 2 is a detractor, the 7 a passive, the 9s and 10 promoters.
    const colours = await page.locator('[data-survey="nps-main"] svg rect').evaluateAll((rects) => rects.map((rect) => rect.getAttribute('class')))
    expect(colours).toEqual([...Array(7).fill('detractor'), 'passive', 'passive', 'promoter', 'promoter'])
    const heights = await page.locator('[data-survey="nps-main"] svg rect').evaluateAll((rects) => rects.map((rect) => Number(rect.getAttribute('height'))))
    expect(heights[9]).toBeGreaterThan(heights[10])
    expect(heights[2]).toBeGreaterThan(0)
    expect(await page.locator('.comments li .comment').allTextContents()).toEqual(['Late delivery', 'Loved the tent'])
    await page.screenshot({ path: join(root, 'test-output/screenshots/dashboard.png'), fullPage: true })

    await page.getByLabel('Survey').selectOption('csat-help')
    await page.locator('.card').nth(0).waitFor()
    await page.waitForFunction(() => document.querySelectorAll('.card').length === 1)
    expect(await page.locator('.card').getAttribute('data-survey')).toBe('csat-help')
    expect(new URL(page.url()).searchParams.get('survey')).toBe('csat-help')
    await page.getByLabel('To').fill('2026-11-05')
    await page.waitForFunction(() => document.querySelector('.card .score')?.textContent?.includes('n = 2'))
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
