import { describe, expect, it } from 'vitest'
import type { Tab } from './engines/driver'
import { engineNames, useEngine } from './engines/use-engine'
import { snippetPage } from './pages/snippet-page'
import { useSite } from './site'

// Issue #17: a choice follow-up answered with the keyboard alone (a radiogroup, and a group of
// checkboxes), and an inline survey drawn in an element the page adds later, in every engine.
const setup = useSite()

const focusedText = (tab: Tab) =>
  tab.evaluate(() => {
    const active = document.activeElement
    return (active?.shadowRoot?.activeElement ?? active)?.textContent ?? null
  })
const hasReasons = (answers: Record<string, unknown>[]) => answers.some((answer) => answer.complete === true && Array.isArray(answer.reasons))
/** Opens a page of the test's own in a fresh profile; `mark` is what the site had before. */
const visit = async (engine: ReturnType<typeof useEngine>, path: string, html: string) => {
  const mark = await setup.site.mark()
  const tab = await (await engine.context()).open(setup.site.serve(path, html))
  return { mark, tab }
}
/** The last answer posted since `mark` that finished with reasons; and no error reached the page. */
const lastPosted = async (tab: Tab, mark: { deliveries: number }) => {
  expect(await tab.evaluate(() => window.testPage)).toEqual({ pageErrors: [], saysoErrors: [] })
  return (await setup.site.postedSince(mark, hasReasons)).at(-1)
}

const single = snippetPage({
  config: {
    endpoint: '/api/answers',
    surveys: [{ id: 'nps-why', type: 'nps', followUp: { choices: { detractor: [{ value: 'price', label: 'Price' }, { value: 'delivery', label: 'Delivery' }, { value: 'quality', label: 'Quality' }] } } }]
  }
})
const multiple = snippetPage({
  config: {
    endpoint: '/api/answers',
    surveys: [
      {
        id: 'csat-why',
        type: 'csat',
        followUp: { question: 'What went wrong?', choices: [{ value: 'slow', label: 'Too slow' }, { value: 'broken', label: 'Something broke' }, { value: 'price', label: 'Too expensive' }], multiple: true },
        thankYou: { action: { low: { label: 'Talk to us', url: 'https://acme.example/help' } } }
      }
    ]
  }
})
const article = snippetPage({
  config: {
    endpoint: '/api/answers',
    surveys: [{ id: 'helpful', type: 'csat', question: 'Was this article helpful?', inline: '#helpful', followUp: { question: 'What made it so?', choices: ['Clear', 'Complete', 'Too long'] } }]
  },
  body: `<article><h1>An article</h1><p>Some text.</p><button type="button" id="more">Read on</button></article>
<script>
  document.getElementById('more').addEventListener('click', function () {
    var slot = document.createElement('div');
    slot.id = 'helpful';
    document.querySelector('article').append(slot);
  });
</script>`
})

describe.each(engineNames)('in %s, a choice follow-up', (name) => {
  const engine = useEngine(name)

  it('is answered as a radiogroup with the keyboard alone: arrows pick, Enter sends', async () => {
    const { mark, tab } = await visit(engine, '/choices/single', single)
    await tab.find('dialog', 'How likely are you to recommend us to a friend or colleague?')
    await tab.press('Tab')
    for (let i = 0; i < 3; i++) await tab.press('ArrowRight')
    await tab.press('Enter')
    await tab.find('radio', 'Price')
    expect(await focusedText(tab)).toBe('Price')
    await tab.press('ArrowRight')
    await tab.press('ArrowLeft')
    await tab.press('ArrowLeft')
    expect(await focusedText(tab)).toBe('Quality')
    await tab.press('Enter')
    await tab.find('dialog', 'Thank you for your feedback!')
    expect(await lastPosted(tab, mark)).toMatchObject({ surveyId: 'nps-why', score: 3, reasons: ['quality'], complete: true })
  })

  it('is answered as checkboxes with the keyboard alone: Space picks, Enter sends, and the thanks offers its link', async () => {
    const { mark, tab } = await visit(engine, '/choices/multiple', multiple)
    await tab.find('dialog', 'How satisfied are you with your experience today?')
    await tab.press('Tab')
    await tab.press('ArrowRight')
    await tab.press('Enter')
    await tab.find('checkbox', 'Too slow')
    await tab.press('Space')
    await tab.press('End')
    await tab.press('Space')
    await tab.press('ArrowLeft')
    expect(await focusedText(tab)).toBe('Something broke')
    await tab.press('Enter')
    await tab.find('link', 'Talk to us (opens in a new tab)')
    expect(await lastPosted(tab, mark)).toMatchObject({ surveyId: 'csat-why', score: 2, reasons: ['slow', 'price'], complete: true })
  })
})

describe.each(engineNames)('in %s, an inline survey', (name) => {
  const engine = useEngine(name)

  it('is drawn in the element the page adds, without taking focus or a Close, answered there, and goes with the element', async () => {
    const { mark, tab } = await visit(engine, '/article', article)
    await tab.waitFor('sayso to start', () => (window as unknown as { sayso?: { version?: string } }).sayso?.version)
    await (await tab.find('button', 'Read on')).click()
    await tab.find('form', 'Was this article helpful?')
    expect(
      await tab.evaluate(() => ({
        inElement: document.querySelector('#helpful > sayso-inline') !== null,
        popUp: document.querySelector('sayso-widget') !== null,
        close: document.querySelector('sayso-inline')!.shadowRoot!.querySelector('.close') !== null,
        focusInside: document.activeElement?.tagName === 'SAYSO-INLINE'
      }))
    ).toEqual({ inElement: true, popUp: false, close: false, focusInside: false })
    await (await tab.find('radio', '5')).click()
    await (await tab.find('radio', 'Clear')).click()
    await (await tab.find('button', 'Send')).click()
    await tab.waitFor('the thanks', () => document.querySelector('sayso-inline')?.shadowRoot?.querySelector('.thanks')?.textContent)
    expect(await lastPosted(tab, mark)).toMatchObject({ surveyId: 'helpful', score: 5, reasons: ['Clear'], complete: true })
    await tab.evaluate(() => document.getElementById('helpful')!.remove())
    await tab.waitFor('the survey to go with its element', () => !document.querySelector('sayso-inline'))
  })
})
