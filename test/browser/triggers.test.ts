import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { newPage, useCollectorAndBrowser } from './harness'

// Issue #4's page-level triggers, on the single-page demo at /spa/, in Chromium only: exit intent
// needs a pointer leaving the window, which only Playwright's mouse can do. The route changes
// themselves (a URL trigger, a delay cancelled) run in all three engines: single-page.test.ts.
const setup = useCollectorAndBrowser()

const openApp = async (path = '/spa/') => {
  const page = await newPage(setup.browser, { viewport: { width: 1000, height: 700 } })
  await page.goto(`${setup.collector.base}${path}`)
  await page.waitForFunction(() => (window as unknown as { sayso?: { version?: string } }).sayso?.version)
  return { page }
}
const dialogName = (page: Page) =>
  page.evaluate(() => {
    const root = document.querySelector('sayso-widget')?.shadowRoot
    return root?.getElementById('sayso-title')?.textContent ?? null
  })

describe('triggers in a single-page app', () => {
  it('shows on exit intent: the pointer leaving through the top of the window', async () => {
    const { page } = await openApp()
    await page.getByRole('link', { name: 'Pricing' }).click()
    await page.mouse.move(500, 300)
    await page.mouse.move(500, 200)
    await page.waitForTimeout(300)
    expect(await dialogName(page)).toBeNull()
    await page.mouse.move(500, 5)
    await page.mouse.move(500, -20)
    await page.getByRole('dialog', { name: 'Acme Outdoor made it easy for me to understand the prices.' }).waitFor()
  })

  it('shows at a scroll depth', async () => {
    const { page } = await openApp()
    await page.getByRole('link', { name: 'Docs' }).click()
    // Scroll depth is how far down the page the bottom of the window has been.
    const scrollTo = (share: number) =>
      page.evaluate((share) => window.scrollTo(0, document.documentElement.scrollHeight * share - innerHeight), share)
    await scrollTo(0.5)
    await page.waitForTimeout(300)
    expect(await dialogName(page)).toBeNull()
    await scrollTo(0.62)
    await page.getByRole('dialog', { name: 'How satisfied are you with these docs?' }).waitFor()
  })

  it('shows on a click on an element added after sayso started', async () => {
    const { page } = await openApp()
    await page.getByRole('link', { name: 'Help' }).click()
    await page.getByRole('button', { name: 'This helped' }).click()
    await page.getByRole('dialog', { name: 'How satisfied are you with the answer you found?' }).waitFor()
  })

  it('previews any survey, ignoring frequency, from the preview control', async () => {
    const { page } = await openApp()
    await page.getByRole('link', { name: 'Thank you' }).click()
    await page.getByRole('radio', { name: '10', exact: true }).click()
    await page.getByRole('button', { name: 'Close' }).click()
    await page.getByLabel('Survey').selectOption('nps-thank-you')
    await page.getByRole('button', { name: 'Preview' }).click()
    await page.getByRole('dialog', { name: 'How likely are you to recommend Acme Outdoor to a friend or colleague?' }).waitFor()
  })

  it('does not ask again after an answer, across reloads', async () => {
    const { page } = await openApp('/spa/thank-you')
    await page.getByRole('radio', { name: '9', exact: true }).click()
    await page.getByRole('button', { name: 'Skip' }).click()
    await page.reload()
    await page.waitForTimeout(1800)
    expect(await dialogName(page)).toBeNull()
  })
})
