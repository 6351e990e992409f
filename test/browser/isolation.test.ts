import { describe, expect, it } from 'vitest'
import type { Tab } from './engines/driver'
import { buildsFor, engineNames, useEngine } from './engines/use-engine'
import { snippetPage } from './pages/snippet-page'
import { useSite } from './site'

const setup = useSite()

// What a person would notice of the widget: where each part is and how it looks.
const measure = (tab: Tab) =>
  tab.evaluate(() => {
    const root = document.querySelector('sayso-widget')!.shadowRoot!
    return ['.sayso', '.dialog', 'h2', '[role=radio]', '[role=radio]:last-child', '.labels', '.close'].map((selector) => {
      const element = root.querySelector(selector)!
      const box = element.getBoundingClientRect()
      const style = getComputedStyle(element)
      return {
        selector,
        box: [box.x, box.y, box.width, box.height].map(Math.round),
        style: [style.color, style.backgroundColor, style.fontSize, style.fontFamily, style.lineHeight, style.borderTopWidth, style.borderTopStyle, style.borderTopColor, style.borderTopLeftRadius, style.textTransform, style.letterSpacing, style.position, style.display].join('|')
      }
    })
  })
const openingDone = (tab: Tab) =>
  tab.waitFor('the opening animation to end', () => document.querySelector('sayso-widget')!.shadowRoot!.querySelector('.dialog')!.getAnimations().length === 0)
const dialogBox = (tab: Tab) =>
  tab.evaluate(() => {
    const box = document.querySelector('sayso-widget')!.shadowRoot!.querySelector('.dialog')!.getBoundingClientRect()
    return { left: Math.round(box.left), right: Math.round(innerWidth - box.right), bottom: Math.round(innerHeight - box.bottom), width: Math.round(box.width), viewport: innerWidth }
  })

describe.each(engineNames)('in %s', (name) => {
  const engine = useEngine(name)

  it.each(buildsFor(name))('under a strict Content-Security-Policy, with %s, it renders styled, answers, and causes no violation', async (build) => {
    const { site } = setup
    site.useBuild(build)
    const mark = await site.mark()
    expect((await fetch(`${site.base}/strict-csp`)).headers.get('content-security-policy')).toContain("style-src 'self'")
    const tab = await (await engine.context()).open(`${site.base}/strict-csp`)
    await tab.find('dialog', 'How satisfied are you with this page?')
    const look = await tab.evaluate(() => {
      const root = document.querySelector('sayso-widget')!.shadowRoot!
      const container = getComputedStyle(root.querySelector('.sayso')!)
      const dialog = getComputedStyle(root.querySelector('.dialog')!)
      return [container.position, container.width, dialog.backgroundColor, dialog.borderTopLeftRadius, dialog.paddingLeft]
    })
    expect(look).toEqual(['fixed', '380px', 'rgb(255, 255, 255)', '12px', '16px'])
    await (await tab.find('radio', '5, Very satisfied')).click()
    await (await tab.find('button', 'Skip')).click()
    const rows = await site.rowsSince(mark, (rows) => rows[0]?.complete === true)
    expect(rows).toEqual([expect.objectContaining({ surveyId: 'csat-csp', score: 5, complete: true })])
    expect(await tab.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([])
    expect(await tab.evaluate(() => window.testPage)).toEqual({ pageErrors: [], saysoErrors: [] })
  })

  it.each(buildsFor(name))('on a page with hostile global CSS, with %s, it looks exactly as it does without that CSS', async (build) => {
    const { site } = setup
    site.useBuild(build)
    const tab = await (await engine.context()).open(`${site.base}/hostile-css`)
    await tab.find('dialog', 'How likely are you to recommend Acme Outdoor to a friend or colleague?')
    await openingDone(tab)
    const pageButton = () => getComputedStyle(document.getElementById('page-button')!).backgroundColor
    expect(await tab.evaluate(pageButton)).toBe('rgb(0, 255, 0)')
    const hostile = await measure(tab)
    await tab.evaluate(() => ((document.getElementById('hostile') as HTMLLinkElement).disabled = true))
    expect(await tab.evaluate(pageButton)).not.toBe('rgb(0, 255, 0)')
    expect(await measure(tab)).toEqual(hostile)
    const option = hostile.find((part) => part.selector === '[role=radio]')!
    expect(option.style).toContain('none|normal')
  })

  it('on a phone, shows a bottom sheet across the screen and takes a tap', async () => {
    const { site } = setup
    const mark = await site.mark()
    const url = site.serve('/phone', snippetPage({ config: { endpoint: '/api/answers', surveys: [{ id: 'phone-nps', type: 'nps', followUp: false }] } }))
    // WebKit's window cannot be narrower than 447 px under Xvfb: still a phone's width (< 480 px).
    const tab = await (await engine.context()).open(url, { width: 390, height: 760 })
    await tab.find('dialog', 'How likely are you to recommend us to a friend or colleague?')
    await openingDone(tab)
    const box = await dialogBox(tab)
    expect(box.viewport).toBeLessThan(480)
    expect(box).toEqual({ left: 0, right: 0, bottom: 0, width: box.viewport, viewport: box.viewport })
    expect(await tab.evaluate(() => getComputedStyle(document.querySelector('sayso-widget')!.shadowRoot!.querySelector('.dialog')!).borderRadius)).toBe('12px 12px 0px 0px')
    await (await tab.find('radio', '7')).click()
    expect(await site.rowsSince(mark)).toEqual([expect.objectContaining({ surveyId: 'phone-nps', score: 7, complete: true })])
    expect(await tab.evaluate(() => window.testPage)).toEqual({ pageErrors: [], saysoErrors: [] })
  })

  it('on a desktop, shows a card in the corner', async () => {
    const { site } = setup
    const url = site.serve('/desktop', snippetPage({ config: { endpoint: '/api/answers', surveys: [{ id: 'desktop-nps', type: 'nps' }] } }))
    const tab = await (await engine.context()).open(url, { width: 1000, height: 700 })
    await tab.find('dialog', 'How likely are you to recommend us to a friend or colleague?')
    await openingDone(tab)
    expect(await dialogBox(tab)).toMatchObject({ right: 16, bottom: 16, width: 380 })
  })
})
