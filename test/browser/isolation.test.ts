import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { builds, newPage, surveyDialog, useBuild, useCollectorAndBrowser, watch } from './harness'

const setup = useCollectorAndBrowser()

// What a person would notice of the widget: where each part is and how it looks.
const measure = (page: Page) =>
  page.evaluate(() => {
    const root = document.querySelector('sayso-widget')!.shadowRoot!
    return ['.sayso', '.dialog', 'h2', '[role=radio]', '[role=radio]:last-child', '.labels', '.close'].map((selector) => {
      const element = root.querySelector(selector)!
      const box = element.getBoundingClientRect()
      const style = getComputedStyle(element)
      return {
        selector,
        box: [box.x, box.y, box.width, box.height].map(Math.round),
        style: [style.color, style.backgroundColor, style.fontSize, style.fontFamily, style.lineHeight, style.borderTop, style.borderRadius, style.textTransform, style.letterSpacing, style.position, style.display].join('|')
      }
    })
  })

describe.each(builds)('under a strict Content-Security-Policy, with %s', (build) => {
  it('renders styled, answers, and causes no violation', async () => {
    const page = await newPage(setup.browser)
    await useBuild(page, build)
    const problems = watch(page)
    const response = await page.goto(`${setup.collector.base}/strict-csp`)
    expect(response!.headers()['content-security-policy']).toContain("style-src 'self'")
    await page.getByRole('dialog', { name: 'How satisfied are you with this page?' }).waitFor()
    const look = await page.evaluate(() => {
      const root = document.querySelector('sayso-widget')!.shadowRoot!
      const container = getComputedStyle(root.querySelector('.sayso')!)
      const dialog = getComputedStyle(root.querySelector('.dialog')!)
      return [container.position, container.width, dialog.backgroundColor, dialog.borderRadius, dialog.paddingLeft]
    })
    expect(look).toEqual(['fixed', '380px', 'rgb(255, 255, 255)', '12px', '16px'])
    await page.getByRole('radio', { name: '5, Very satisfied' }).click()
    await page.getByRole('button', { name: 'Skip' }).click()
    const rows = await setup.collector.rows((rows) => rows.filter((row) => row.surveyId === 'csat-csp' && row.complete).length > (build === 'sayso.js' ? 0 : 1))
    expect(rows.find((row) => row.surveyId === 'csat-csp')).toMatchObject({ score: 5, complete: true })
    expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([])
    expect(problems).toEqual([])
  })
})

describe.each(builds)('on a page with hostile global CSS, with %s', (build) => {
  it('looks exactly as it does without that CSS', async () => {
    const page = await newPage(setup.browser, { viewport: { width: 1000, height: 700 } })
    await useBuild(page, build)
    await page.goto(`${setup.collector.base}/hostile-css`)
    await surveyDialog(page).waitFor()
    await page.waitForTimeout(300) // the opening animation
    expect(await page.evaluate(() => getComputedStyle(document.getElementById('page-button')!).backgroundColor)).toBe('rgb(0, 255, 0)')
    const hostile = await measure(page)
    await page.evaluate(() => ((document.getElementById('hostile') as HTMLLinkElement).disabled = true))
    expect(await page.evaluate(() => getComputedStyle(document.getElementById('page-button')!).backgroundColor)).not.toBe('rgb(0, 255, 0)')
    expect(await measure(page)).toEqual(hostile)
    const option = hostile.find((part) => part.selector === '[role=radio]')!
    expect(option.style).toContain('none|normal')
  })
})
