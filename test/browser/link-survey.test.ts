import { describe, expect, it } from 'vitest'
import { newPage, useCollectorAndBrowser, watch } from './harness'

// Issue #8: link surveys at /s/<survey id>, as an e-mail with 0–10 links would open them.
const setup = useCollectorAndBrowser()

describe('a link survey', () => {
  it('records the score the link carries, asks the follow-up, and makes one answer of a link opened twice', async () => {
    const link = `${setup.collector.base}/s/nps-checkout?score=9&t=mail-7f3a&u=cust_1&order=A-1001`
    const page = await newPage(setup.browser, { viewport: { width: 390, height: 760 } })
    const problems = watch(page)
    const response = await page.goto(link)
    expect(response!.headers()['content-security-policy']).toContain("script-src 'self'")
    await page.getByRole('textbox', { name: 'Great to hear! What do you like most?' }).waitFor()
    const [first] = await setup.collector.rows((rows) => rows.some((row) => row.surveyId === 'nps-checkout' && row.userId === 'cust_1'))
    expect(first).toMatchObject({ surveyId: 'nps-checkout', score: 9, complete: false, userId: 'cust_1', attributes: { u: 'cust_1', order: 'A-1001' } })
    await page.getByRole('textbox').fill('Quick delivery')
    await page.getByRole('button', { name: 'Send' }).click()
    await page.getByText('Thank you! You can close this page.').waitFor()

    // The same link again, even from another browser: still one answer.
    const again = await setup.browser.newPage()
    await again.goto(link)
    await again.getByRole('textbox').waitFor()
    await again.waitForTimeout(800)
    const rows = (await setup.collector.store.answers({ limit: 1000 })).filter((row) => row.userId === 'cust_1')
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ id: first.id, score: 9, comment: 'Quick delivery', complete: true })
    expect(problems).toEqual([])
  })

  it('without a score shows the scale; another token is another answer', async () => {
    const page = await newPage(setup.browser)
    await page.goto(`${setup.collector.base}/s/csat-delivery?t=sms-1&u=cust_2`)
    await page.getByRole('radio', { name: '4, Satisfied' }).click()
    await page.goto(`${setup.collector.base}/s/csat-delivery?t=sms-2&u=cust_2`)
    await page.getByRole('radio', { name: '2, Dissatisfied' }).click()
    const rows = await setup.collector.rows((rows) => rows.filter((row) => row.userId === 'cust_2').length === 2)
    expect(rows.filter((row) => row.userId === 'cust_2').map((row) => row.score).sort()).toEqual([2, 4])
  })

  it('answers 404 for a survey surveys.json does not have', async () => {
    expect((await fetch(`${setup.collector.base}/s/nope`)).status).toBe(404)
  })
})
