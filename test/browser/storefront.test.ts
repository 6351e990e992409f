import { describe, expect, it } from 'vitest'
import { newPage, surveyDialog, useCollectorAndBrowser, watch } from './harness'

// The demo storefront and remote configuration, in Chromium only: what they show does not
// depend on the engine, and the call-queue snippet already runs in all three (call-queue.test.ts).
const setup = useCollectorAndBrowser()

describe('the demo storefront', () => {
  it('moves focus into a survey opened by a click and gives it back on Escape', async () => {
    const page = await newPage(setup.browser)
    const problems = watch(page)
    await page.goto(`${setup.collector.base}/`)
    const opener = page.getByRole('button', { name: 'NPS', exact: true })
    await page.waitForFunction(() => (window as unknown as { sayso?: { version?: string } }).sayso?.version)
    await opener.click()
    await page.getByRole('dialog', { name: 'How likely are you to recommend Acme Outdoor to a friend or colleague?' }).waitFor()
    expect(await page.evaluate(() => document.querySelector('sayso-widget')!.shadowRoot!.activeElement!.getAttribute('role'))).toBe('radio')
    await page.keyboard.press('Escape')
    await page.waitForSelector('sayso-widget', { state: 'detached' })
    expect(await page.evaluate(() => document.activeElement!.textContent)).toBe('NPS')
    expect(problems).toEqual([])
  })

  it('shows the CES only when the tracked event has the right properties', async () => {
    const page = await newPage(setup.browser)
    await page.goto(`${setup.collector.base}/`)
    await page.waitForFunction(() => (window as unknown as { sayso?: { version?: string } }).sayso?.version)
    await page.getByRole('button', { name: 'Start a return (0 items) → nothing' }).click()
    await page.waitForTimeout(300)
    expect(await page.locator('sayso-widget').count()).toBe(0)
    await page.getByRole('button', { name: 'Start a return (2 items) → CES' }).click()
    await page.getByRole('dialog', { name: 'Acme Outdoor made it easy for me to return an item.' }).waitFor()
  })

  it('leaves the page’s own styles alone', async () => {
    const page = await newPage(setup.browser)
    await page.goto(`${setup.collector.base}/`)
    await page.waitForFunction(() => (window as unknown as { sayso?: { version?: string } }).sayso?.version)
    const styles = () =>
      page.evaluate(() =>
        ['button', 'h2', 'p', 'body', 'table'].map((selector) => {
          const style = getComputedStyle(document.querySelector(selector)!)
          return [style.color, style.backgroundColor, style.font, style.margin, style.padding, style.borderRadius, style.boxSizing].join('|')
        })
      )
    const before = await styles()
    // Its surveys come from configUrl: asked again until they are there and it is on its way.
    await page.waitForFunction(() => (window as unknown as { sayso: (...a: unknown[]) => boolean }).sayso('show', 'csat-delivery'))
    await surveyDialog(page).waitFor()
    expect(await styles()).toEqual(before)
    expect(await page.evaluate(() => document.head.querySelectorAll('style').length + document.adoptedStyleSheets.length)).toBe(0)
  })
})

describe('remote configuration', () => {
  it('takes its surveys from data-config, the collector’s /surveys.json', async () => {
    const page = await newPage(setup.browser)
    const problems = watch(page)
    await page.route(`${setup.collector.base}/remote`, (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Remote</title>
          <script async src="/sayso.js" data-endpoint="/api/answers" data-config="/surveys.json"></script></head><body><h1>Help</h1></body></html>`
      })
    )
    await page.goto(`${setup.collector.base}/remote`)
    await page.waitForFunction(() => (window as unknown as { sayso?: { version?: string } }).sayso?.version)
    await page.evaluate(() => (window as unknown as { sayso: (...a: unknown[]) => void }).sayso('track', 'support_chat_closed'))
    await page.getByRole('dialog', { name: 'How satisfied are you with the help you got?' }).waitFor()
    await page.getByRole('radio', { name: '5, Very satisfied' }).click()
    const rows = await setup.collector.rows((rows) => rows.some((row) => row.surveyId === 'csat-support'))
    expect(rows.find((row) => row.surveyId === 'csat-support')).toMatchObject({ score: 5 })
    expect(await page.evaluate(() => Object.keys(localStorage).some((key) => key.startsWith('sayso:config:')))).toBe(true)
    expect(problems).toEqual([])
  })
})
