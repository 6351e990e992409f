import { mkdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { newPage, root, useCollectorAndBrowser, watch } from './harness'

// Issue #5: axe-core on every step of every survey type, light and dark, left-to-right and
// right-to-left, desktop and phone; keyboard-only answers; contrast, targets, zoom, motion,
// forced colours, the phone keyboard. Screenshots go to test-output/screenshots/. In Chromium only:
// emulated media, text size and the visual viewport need Chromium's own controls, and the matrix
// checks sayso's markup and styles, which no engine changes. A keyboard-only answer, the phone
// bottom sheet and focus run in all three engines (call-queue.test.ts, isolation.test.ts).
const setup = useCollectorAndBrowser()
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js')
const shots = join(root, 'test-output/screenshots')
mkdirSync(shots, { recursive: true })

const surveys = [
  { id: 'nps', type: 'nps' },
  { id: 'csat-number', type: 'csat' },
  { id: 'csat-star', type: 'csat', scale: 'star' },
  { id: 'csat-emoji', type: 'csat', scale: 'emoji' },
  { id: 'ces', type: 'ces' },
  // Issue #17: a radiogroup of choices, then a thank-you with its link; checkboxes and the text box after them.
  { id: 'nps-choice', type: 'nps', followUp: { choices: ['Price', 'Delivery', 'Quality'] }, action: { label: 'Talk to us', url: 'https://acme.example/help' } },
  { id: 'csat-choices', type: 'csat', followUp: { choices: ['Price', 'Delivery', 'Quality'], multiple: true, comment: true } }
].map(({ action, ...survey }: { id: string; type: string; followUp?: object; action?: object }) => ({ ...survey, trigger: 'manual', thankYou: { closeAfterMs: 60_000, action } }))
// An inline survey in the page's flow, drawn on page view beside every pop-up of the matrix.
const inline = { id: 'inline', type: 'csat', question: 'Was this page helpful?', inline: '#helpful', followUp: { choices: ['Clear', 'Complete'] } }

const html = (config: object, lang = 'en') => `<!doctype html><html lang="${lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Accessibility</title>
<script>
  window.sayso = window.sayso || function () { (window.sayso.q = window.sayso.q || []).push(arguments) };
  sayso('init', ${JSON.stringify({ endpoint: '/api/answers', brand: 'Acme', frequency: { cooldownDays: 0 }, surveys, ...config })});
</script><script async src="/sayso.js"></script></head>
<body><main><h1>A page</h1><p>Some text.</p><button type="button" id="opener">Give feedback</button><div id="helpful"></div></main></body></html>`

const open = async (config: object, viewport = { width: 1000, height: 700 }, lang = 'en') => {
  const page = await newPage(setup.browser, { viewport })
  const problems = watch(page)
  await page.route(`${setup.collector.base}/a11y`, (route) => route.fulfill({ contentType: 'text/html', body: html(config, lang) }))
  await page.goto(`${setup.collector.base}/a11y`)
  await page.waitForFunction(() => (window as unknown as { sayso?: { version?: string } }).sayso?.version)
  await page.addScriptTag({ path: axePath })
  return { page, problems }
}
/** Shows a survey and waits for it: the first show() of a page view loads the drawing part first. */
const show = async (page: Page, id: string) => {
  const showing = await page.evaluate((id) => (window as unknown as { sayso: (...a: unknown[]) => boolean }).sayso('show', id, { force: true }), id)
  if (showing) await page.locator('sayso-widget [role=dialog]').waitFor()
  return showing
}
const inWidget = <T>(page: Page, fn: (root: ShadowRoot) => T) =>
  page.evaluate(`(${fn.toString()})(document.querySelector('sayso-widget').shadowRoot)`) as Promise<T>

type Violation = { id: string; impact: string; help: string; nodes: { target: unknown }[] }
const seriousViolations = async (page: Page) => {
  const violations: Violation[] = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<{ violations: Violation[] }> } }).axe
    const result = await axe.run(document, { resultTypes: ['violations'] })
    return result.violations
  })
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id} (${violation.impact}): ${violation.help} — ${JSON.stringify(violation.nodes.map((node) => node.target))}`)
}
const layoutFacts = (page: Page) =>
  page.evaluate(() => {
    const dialog = document.querySelector('sayso-widget')!.shadowRoot!.querySelector('.dialog')!.getBoundingClientRect()
    return {
      inside: dialog.left >= 0 && dialog.top >= 0 && dialog.right <= innerWidth && dialog.bottom <= innerHeight,
      horizontalOverflow: document.documentElement.scrollWidth > innerWidth
    }
  })

const rgb = (color: string) => color.match(/[\d.]+/g)!.slice(0, 3).map(Number)
const luminance = (color: string) => {
  const [r, g, b] = rgb(color).map((v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4))
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}
const contrast = (a: string, b: string) => {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x)
  return (light + 0.05) / (dark + 0.05)
}

describe('axe-core on every step', () => {
  const variants = [
    ['light', 'ltr', 'desktop'],
    ['dark', 'ltr', 'desktop'],
    ['light', 'rtl', 'desktop'],
    ['dark', 'rtl', 'desktop'],
    ['light', 'ltr', 'phone'],
    ['dark', 'ltr', 'phone'],
    ['light', 'rtl', 'phone'],
    ['dark', 'rtl', 'phone']
  ] as const

  it.each(variants)('%s, %s, %s: no serious or critical violation, inside the screen', { timeout: 60_000 }, async (scheme, dir, device) => {
    const viewport = device === 'phone' ? { width: 390, height: 760 } : { width: 1000, height: 700 }
    const locale = dir === 'rtl' ? 'ar' : 'en'
    const { page, problems } = await open({ locale, theme: { colorScheme: scheme }, surveys: [...surveys, inline] }, viewport, locale)
    const found: string[] = []
    // The inline survey's three steps, each checked with the page around it; a choice picked.
    const inlineName = `inline-${scheme}-${dir}-${device}`
    await page.locator('sayso-inline [role=form]').waitFor()
    found.push(...(await seriousViolations(page)).map((v) => `${inlineName} scale: ${v}`))
    await page.locator('sayso-inline [role=radio]').nth(1).click()
    await page.locator('sayso-inline .choice').first().click()
    found.push(...(await seriousViolations(page)).map((v) => `${inlineName} follow-up: ${v}`))
    await page.screenshot({ path: join(shots, `${inlineName}.png`) })
    await page.locator('sayso-inline button[type=submit]').click()
    await page.locator('sayso-inline .thanks').waitFor()
    found.push(...(await seriousViolations(page)).map((v) => `${inlineName} thank-you: ${v}`))
    for (const survey of surveys) {
      expect(await show(page, survey.id)).toBe(true)
      await page.locator('sayso-widget [role=dialog]').waitFor()
      expect(await inWidget(page, (root) => root.querySelector('[role=dialog]')!.getAttribute('dir'))).toBe(dir)
      await page.waitForTimeout(250)
      const name = `${survey.id}-${scheme}-${dir}-${device}`
      await page.screenshot({ path: join(shots, `${name}.png`) })
      expect(await layoutFacts(page)).toEqual({ inside: true, horizontalOverflow: false })
      found.push(...(await seriousViolations(page)).map((v) => `${name} scale: ${v}`))
      await page.locator('sayso-widget [role=radio]').nth(3).click()
      await page.locator('sayso-widget form').waitFor()
      // A choice picked, so that its chosen state is checked too.
      if (survey.followUp) await page.locator('sayso-widget .choice').first().click()
      found.push(...(await seriousViolations(page)).map((v) => `${name} follow-up: ${v}`))
      if (survey.id === 'nps') await page.screenshot({ path: join(shots, `follow-up-${scheme}-${dir}-${device}.png`) })
      await page.locator('sayso-widget .actions button').first().click()
      await page.locator('sayso-widget .thanks').waitFor()
      found.push(...(await seriousViolations(page)).map((v) => `${name} thank-you: ${v}`))
      if (survey.id === 'nps-choice') expect(await page.locator('sayso-widget a[target=_blank]').count()).toBe(1)
      await page.locator('sayso-widget .close').click()
      await page.waitForSelector('sayso-widget', { state: 'detached' })
    }
    expect(found).toEqual([])
    expect(problems).toEqual([])
  })
})

describe('keyboard only', () => {
  it.each(surveys.filter((survey) => !survey.followUp).map((survey) => [survey.id]))('answers %s with Tab, arrows, Enter and typing', async (id) => {
    const { page } = await open({})
    await show(page, id)
    await page.locator('sayso-widget [role=dialog]').waitFor()
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('BODY')
    await page.keyboard.press('Tab') // past the page's own button…
    await page.keyboard.press('Tab') // …into the scale
    expect(await inWidget(page, (root) => root.activeElement?.getAttribute('role'))).toBe('radio')
    await page.keyboard.press('End')
    await page.keyboard.press('ArrowLeft')
    // The focus ring stands out from the dialog by at least 3:1.
    const [ring, background] = await inWidget(page, (root) => [
      getComputedStyle(root.activeElement!).outlineColor,
      getComputedStyle(root.querySelector('.dialog')!).backgroundColor
    ])
    expect(contrast(ring, background)).toBeGreaterThanOrEqual(3)
    await page.keyboard.press('Enter')
    expect(await inWidget(page, (root) => root.activeElement?.tagName)).toBe('TEXTAREA')
    await page.keyboard.type('Keyboard only')
    await page.keyboard.press('Tab')
    await page.keyboard.press('Tab')
    expect(await inWidget(page, (root) => root.activeElement?.textContent)).toBe('Send')
    await page.keyboard.press('Enter')
    await page.locator('sayso-widget .thanks').waitFor()
    const rows = await setup.collector.rows((rows) => rows.some((row) => row.surveyId === id && row.comment === 'Keyboard only'))
    const row = rows.find((row) => row.surveyId === id)!
    expect(row).toMatchObject({ comment: 'Keyboard only', complete: true, score: id === 'nps' ? 9 : id === 'ces' ? 6 : 4 })
    await page.keyboard.press('Escape')
    await page.waitForSelector('sayso-widget', { state: 'detached' })
  })

  it('moves focus to the scale when opened from a click, and back on close', async () => {
    const { page } = await open({})
    await page.evaluate(() =>
      document.getElementById('opener')!.addEventListener('click', () => (window as unknown as { sayso: (...a: unknown[]) => void }).sayso('show', 'ces', { force: true }))
    )
    await page.getByRole('button', { name: 'Give feedback' }).click()
    await page.locator('sayso-widget [role=dialog]').waitFor()
    expect(await inWidget(page, (root) => root.activeElement?.getAttribute('role'))).toBe('radio')
    await page.keyboard.press('Escape')
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('opener')
  })
})

describe('seen by everyone', () => {
  it.each([
    ['a light brand colour', '#ffd400', '#111'],
    ['a dark brand colour', '#0b1f4d', '#fff'],
    ['an oklch brand colour', 'oklch(0.85 0.12 180)', '#111']
  ])('keeps text readable on %s', async (_, accent, onAccent) => {
    const { page } = await open({ theme: { '--sayso-accent': accent } })
    await show(page, 'nps')
    await page.locator('sayso-widget [role=radio]').nth(9).hover()
    const [text, fill, ink] = await inWidget(page, (root) => {
      // Colours as sRGB, whatever space they were given in.
      const probe = root.appendChild(document.createElement('i'))
      const srgb = (color: string) => {
        probe.style.color = `color-mix(in srgb, ${color}, #000 0%)`
        const value = getComputedStyle(probe).color
        const channels = value.match(/[\d.]+/g)!.slice(0, 3).map(Number)
        return `rgb(${channels.map((c) => Math.round(value.startsWith('color(') ? c * 255 : c)).join(', ')})`
      }
      const option = getComputedStyle(root.querySelectorAll('[role=radio]')[9])
      return [srgb(option.color), srgb(option.backgroundColor), getComputedStyle(root.querySelector('.sayso')!).getPropertyValue('--ink')]
    })
    expect(text).toBe(onAccent === '#fff' ? 'rgb(255, 255, 255)' : 'rgb(17, 17, 17)')
    expect(contrast(text, fill)).toBeGreaterThanOrEqual(4.5)
    if (accent === '#ffd400') expect(ink).toBe('rgb(31,35,40)')
    expect(await seriousViolations(page)).toEqual([])
  })

  it('has targets of at least 24 × 24 px, on a desktop and on a 320 px phone', async () => {
    for (const viewport of [{ width: 1000, height: 700 }, { width: 320, height: 640 }]) {
      const { page } = await open({}, viewport)
      for (const id of ['nps', 'csat-star']) {
        await show(page, id)
        const sizes = await inWidget(page, (root) =>
          [...root.querySelectorAll('button')].map((button) => {
            const box = button.getBoundingClientRect()
            return [Math.floor(box.width), Math.floor(box.height)]
          })
        )
        for (const [width, height] of sizes) expect([width, height, width >= 24 && height >= 24]).toEqual([width, height, true])
        await page.locator('sayso-widget .close').click()
      }
    }
  })

  it('turns the animation off for reduced motion', async () => {
    const { page } = await open({})
    await page.emulateMedia({ reducedMotion: 'reduce' })
    await show(page, 'nps')
    expect(await inWidget(page, (root) => getComputedStyle(root.querySelector('.dialog')!).animationName)).toBe('none')
  })

  it('keeps every control and the chosen one visible in forced colours', async () => {
    const { page } = await open({})
    await page.emulateMedia({ forcedColors: 'active' })
    await show(page, 'csat-star')
    await page.locator('sayso-widget [role=radio]').first().press('ArrowRight')
    const [pairs, chosen, other] = await inWidget(page, (root) => {
      const dialog = getComputedStyle(root.querySelector('.dialog')!).backgroundColor
      const radios = [...root.querySelectorAll('[role=radio]')].map((radio) => getComputedStyle(radio))
      return [
        // Each option's icon against what is behind it: its own fill, or the dialog.
        radios.map((radio) => [radio.color, radio.backgroundColor === 'rgba(0, 0, 0, 0)' ? dialog : radio.backgroundColor]),
        radios[1].backgroundColor,
        radios[3].backgroundColor
      ]
    })
    for (const [color, behind] of pairs as string[][]) expect(contrast(color, behind)).toBeGreaterThanOrEqual(3)
    expect(chosen).not.toBe(other)
  })

  it('grows with the visitor’s text size (200 %) and stays usable', async () => {
    const { page } = await open({}, { width: 1000, height: 700 })
    const cdp = await page.context().newCDPSession(page)
    await cdp.send('Page.setFontSizes', { fontSizes: { standard: 32, fixed: 26 } })
    await page.evaluate(() => (document.documentElement.style.fontSize = '10px')) // a page's own root size changes nothing
    await show(page, 'nps')
    expect(await inWidget(page, (root) => getComputedStyle(root.querySelector('.sayso')!).fontSize)).toBe('30px')
    expect(await layoutFacts(page)).toEqual({ inside: true, horizontalOverflow: false })
    await page.locator('sayso-widget [role=radio]').nth(10).click()
    await page.locator('sayso-widget textarea').waitFor()
    expect(await layoutFacts(page)).toEqual({ inside: true, horizontalOverflow: false })
    await page.screenshot({ path: join(shots, 'text-200-percent.png') })
  })

  it('stays above the on-screen keyboard on a phone', async () => {
    const page = await newPage(setup.browser, { viewport: { width: 390, height: 760 } })
    // Headless Chromium has no keyboard; a stand-in visual viewport plays its part.
    await page.addInitScript(() => {
      const viewport = Object.assign(new EventTarget(), { width: 390, height: 760, offsetTop: 0, offsetLeft: 0, scale: 1 })
      Object.defineProperty(window, 'visualViewport', { value: viewport, configurable: true })
    })
    await page.route(`${setup.collector.base}/a11y`, (route) => route.fulfill({ contentType: 'text/html', body: html({}) }))
    await page.goto(`${setup.collector.base}/a11y`)
    await page.waitForFunction(() => (window as unknown as { sayso?: { version?: string } }).sayso?.version)
    await show(page, 'nps')
    await page.locator('sayso-widget [role=radio]').nth(2).click()
    await page.locator('sayso-widget textarea').click()
    await page.evaluate(() => {
      const viewport = window.visualViewport as unknown as EventTarget & { height: number }
      viewport.height = 430 // the keyboard takes the lower 330 px
      viewport.dispatchEvent(new Event('resize'))
    })
    const box = await inWidget(page, (root) => root.querySelector('.dialog')!.getBoundingClientRect().toJSON())
    expect(box.bottom).toBeLessThanOrEqual(430)
    expect(box.top).toBeGreaterThanOrEqual(0)
    expect(box.width).toBe(390)
    await page.screenshot({ path: join(shots, 'phone-keyboard.png') })
  })
})
