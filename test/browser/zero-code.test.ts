import { describe, expect, it } from 'vitest'
import { poll } from './engines/driver'
import { buildsFor, engineNames, useEngine } from './engines/use-engine'
import { useSite } from './site'

const setup = useSite()

describe.each(engineNames)('in %s', (name) => {
  const engine = useEngine(name)

  it.each(buildsFor(name))('the zero-code page answers an NPS end to end into the real collector, with %s', async (build) => {
    const { site } = setup
    site.useBuild(build)
    const mark = await site.mark()
    const tab = await (await engine.context()).open(`${site.base}/zero-code`)
    await tab.find('dialog', 'How likely are you to recommend Acme Outdoor to a friend or colleague?')
    // Non-modal, and it took no focus: it opened on its own.
    expect(await tab.evaluate(() => document.querySelector('sayso-widget')!.shadowRoot!.querySelector('[role=dialog]')!.getAttribute('aria-modal'))).toBe('false')
    expect(await tab.evaluate(() => document.activeElement === document.body)).toBe(true)

    await (await tab.find('radio', '9')).click()
    const [partial] = await site.rowsSince(mark)
    expect(partial).toMatchObject({ surveyId: 'nps', type: 'nps', score: 9, complete: false })

    await (await tab.find('textbox', 'Great to hear! What do you like most?')).type('Fast delivery')
    await (await tab.find('button', 'Send')).click()
    // The thanks names the dialog now.
    await tab.find('dialog', 'Thank you for your feedback!')
    const rows = await site.rowsSince(mark, (rows) => rows[0]?.complete === true)
    expect(rows).toEqual([expect.objectContaining({ id: partial.id, score: 9, comment: 'Fast delivery', complete: true, url: `${site.base}/zero-code` })])
    // The score, then the same answer complete: two requests, each answered 2xx.
    await poll('the second reply', async () => site.deliveriesOf(partial.id).accepted >= 2)
    expect(site.deliveriesOf(partial.id)).toEqual({ requests: 2, accepted: 2 })

    await tab.waitFor('the widget to go', () => !document.querySelector('sayso-widget'), undefined, 8000)
    expect(await tab.evaluate(() => window.testPage)).toEqual({ pageErrors: [], saysoErrors: [] })
  })
})
