import { describe, expect, it } from 'vitest'
import { poll } from './engines/driver'
import { engineNames, useEngine } from './engines/use-engine'
import { useSite } from './site'

// Issue #8: link surveys at /s/<survey id>, as an e-mail with 0–10 links would open them.
const setup = useSite()

describe.each(engineNames)('in %s, a link survey', (name) => {
  const engine = useEngine(name)

  it('records the score the link carries, asks the follow-up, and makes one answer of a link opened twice', async () => {
    const { site } = setup
    const user = `cust-${name}`
    const link = `${site.base}/s/nps-checkout?score=9&t=mail-${name}&u=${user}&order=A-1001`
    expect((await fetch(link)).headers.get('content-security-policy')).toContain("script-src 'self'")
    const mark = await site.mark()
    const tab = await (await engine.context()).open(link, { width: 390, height: 760 })
    await tab.find('textbox', 'Great to hear! What do you like most?')
    const [first] = await site.rowsSince(mark)
    expect(first).toMatchObject({ surveyId: 'nps-checkout', score: 9, complete: false, userId: user, attributes: { u: user, order: 'A-1001' } })
    await (await tab.find('textbox', 'Great to hear! What do you like most?')).type('Quick delivery')
    await (await tab.find('button', 'Send')).click()
    await tab.waitFor('the thanks', () => document.getElementById('status')!.textContent === 'Thank you! You can close this page.')

    // The same link again, even from another browser profile: still one answer.
    const again = await (await engine.context()).open(link)
    await again.find('textbox', 'Great to hear! What do you like most?')
    await poll('the second visit’s score to arrive', async () => site.deliveriesOf(first.id).accepted >= 3)
    const rows = await site.rowsSince(mark)
    expect(rows).toEqual([expect.objectContaining({ id: first.id, score: 9, comment: 'Quick delivery', complete: true })])
    expect(await tab.evaluate(() => window.testPage)).toEqual({ pageErrors: [], saysoErrors: [] })
  })

  it('offers the choices of the score’s segment and posts the values picked as reasons', async () => {
    const { site } = setup
    const mark = await site.mark()
    const tab = await (await engine.context()).open(`${site.base}/s/nps-why?score=10&t=mail-why-${name}&locale=pl`, { width: 390, height: 760 })
    await (await tab.find('checkbox', 'Jakość')).click()
    await (await tab.find('checkbox', 'Szybka dostawa')).click()
    await (await tab.find('button', 'Wyślij')).click()
    await tab.find('link', 'Napisz opinię (otwiera się w nowej karcie)')
    const posted = await site.postedSince(mark, (answers) => answers.some((answer) => answer.complete === true))
    expect(posted.at(-1)).toMatchObject({ surveyId: 'nps-why', score: 10, reasons: ['quality', 'delivery'], complete: true, locale: 'pl' })
  })

  it('without a score shows the scale; another token is another answer', async () => {
    // Tokens of this engine's own: a link's answer id comes from its token.
    const { site } = setup
    const mark = await site.mark()
    const tab = await (await engine.context()).open(`${site.base}/s/csat-delivery?t=sms-1-${name}&u=${name}`)
    await (await tab.find('radio', '4, Satisfied')).click()
    await tab.goto(`${site.base}/s/csat-delivery?t=sms-2-${name}&u=${name}`)
    await (await tab.find('radio', '2, Dissatisfied')).click()
    const rows = await site.rowsSince(mark, (rows) => rows.length === 2)
    expect(rows.map((row) => [row.userId, row.score]).sort()).toEqual([
      [name, 2],
      [name, 4]
    ])
  })
})

describe('a link survey that is not there', () => {
  it('answers 404 for a survey surveys.json does not have', async () => {
    expect((await fetch(`${setup.site.base}/s/nope`)).status).toBe(404)
  })
})
