import { describe, expect, it } from 'vitest'
import { engineNames, useEngine } from './engines/use-engine'
import { snippetPage } from './pages/snippet-page'
import { useSite } from './site'

const setup = useSite()

// docs/embedding.md's snippet, with a track() call made before the bundle has loaded.
const page = snippetPage({
  config: { endpoint: '/api/answers', surveys: [{ id: 'csat-after-purchase', type: 'csat', trigger: { event: 'purchase_completed' } }] },
  calls: `sayso('track', 'purchase_completed');`,
  body: '<h1>Thanks for your order</h1>'
})
const inWidget = {
  focused: () => document.querySelector('sayso-widget')!.shadowRoot!.activeElement?.textContent,
  checked: () => document.querySelector('sayso-widget')!.shadowRoot!.querySelector('[aria-checked=true]')?.textContent
}

describe.each(engineNames)('in %s, the call-queue snippet', (name) => {
  const engine = useEngine(name)

  it('shows a CSAT on track() and takes a keyboard-only answer', async () => {
    const { site } = setup
    const mark = await site.mark()
    const tab = await (await engine.context()).open(site.serve('/call-queue', page))
    await tab.find('dialog', 'How satisfied are you with your experience today?')
    expect(await tab.evaluate(() => document.activeElement === document.body)).toBe(true)

    await tab.press('Tab')
    expect(await tab.evaluate(inWidget.focused)).toBe('1')
    for (let i = 0; i < 3; i++) await tab.press('ArrowRight')
    expect(await tab.evaluate(inWidget.checked)).toBe('4')
    await tab.press('Enter')

    await tab.find('textbox', 'What did you like most?')
    await tab.typeKeys('The checkout')
    await tab.press('Tab') // Skip
    await tab.press('Tab') // Send
    await tab.press('Space')
    await tab.find('dialog', 'Thank you for your feedback!')

    const rows = await site.rowsSince(mark, (rows) => rows[0]?.complete === true)
    expect(rows).toEqual([expect.objectContaining({ surveyId: 'csat-after-purchase', type: 'csat', score: 4, comment: 'The checkout', complete: true })])
    const submitted = await tab.evaluate(() => window.events.filter((event) => event.name === 'submit').map((event) => (event.payload as { score: number }).score))
    expect(submitted).toEqual([4])
    expect(await tab.evaluate(() => window.testPage)).toEqual({ pageErrors: [], saysoErrors: [] })
  })

  it('closes on Escape without an answer', async () => {
    const { site } = setup
    const mark = await site.mark()
    const tab = await (await engine.context()).open(site.serve('/call-queue', page))
    await tab.find('dialog', 'How satisfied are you with your experience today?')
    await tab.press('Tab')
    await tab.press('Escape')
    await tab.waitFor('the widget to go', () => !document.querySelector('sayso-widget'))
    expect(await tab.evaluate(() => window.events.map((event) => event.name))).toEqual(['show', 'dismiss'])
    expect(await site.rowsSince(mark, () => false, 300)).toEqual([])
  })
})
