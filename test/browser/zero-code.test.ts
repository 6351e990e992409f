import { describe, expect, it } from 'vitest'
import { builds, newPage, surveyDialog, useBuild, useCollectorAndBrowser, watch } from './harness'

const setup = useCollectorAndBrowser()

describe.each(builds)('the zero-code page, with %s', (build) => {
  it('answers an NPS end to end into the real collector', async () => {
    const page = await newPage(setup.browser)
    await useBuild(page, build)
    const before = (await setup.collector.store.answers()).length
    const problems = watch(page)
    const posts: string[] = []
    page.on('request', (request) => {
      if (request.method() === 'POST') posts.push(request.postData() ?? '')
    })
    await page.goto(`${setup.collector.base}/zero-code`)
    const dialog = surveyDialog(page)
    await dialog.waitFor()
    expect(await dialog.getAttribute('aria-modal')).toBe('false')
    await page.getByRole('dialog', { name: 'How likely are you to recommend Acme Outdoor to a friend or colleague?' }).waitFor()
    expect(await page.evaluate(() => document.activeElement === document.body)).toBe(true)

    await page.getByRole('radio', { name: '9', exact: true }).click()
    const [partial] = await setup.collector.rows((rows) => rows.length > before)
    expect(partial).toMatchObject({ surveyId: 'nps', type: 'nps', score: 9, complete: false })

    await page.getByRole('textbox', { name: 'Great to hear! What do you like most?' }).fill('Fast delivery')
    await page.getByRole('button', { name: 'Send' }).click()
    await page.getByText('Thank you for your feedback!').waitFor()
    const [row] = await setup.collector.rows((rows) => rows[0]?.complete === true)
    expect(row).toMatchObject({ id: partial.id, score: 9, comment: 'Fast delivery', complete: true, url: `${setup.collector.base}/zero-code` })
    expect(await setup.collector.store.answers()).toHaveLength(before + 1)
    expect(posts.map((body) => JSON.parse(body).answers[0].id)).toEqual([partial.id, partial.id])

    const summary = await (await fetch(`${setup.collector.base}/api/summary`)).json()
    expect(summary.surveys).toEqual([expect.objectContaining({ surveyId: 'nps', count: before + 1, score: 100, promoters: before + 1 })])

    await page.waitForSelector('sayso-widget', { state: 'detached', timeout: 5000 })
    expect(problems).toEqual([])
  })
})
