import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { newPage, root, useCollectorAndBrowser, watch } from './harness'

// Issue #8: the framework examples, built by `npm run build:examples` into build/examples/. In
// Chromium only: they check how each framework mounts sayso, which no engine changes; the
// engine-dependent flows run in all three (zero-code, call-queue, delivery, … .test.ts).
const setup = useCollectorAndBrowser()

describe('the React example', () => {
  it('starts sayso once in strict mode and answers a survey opened from a component', async () => {
    const page = await newPage(setup.browser)
    const problems = watch(page)
    await page.goto(`${setup.collector.base}/examples/react/`)
    await page.getByRole('button', { name: 'Rate your order' }).click()
    await page.getByRole('dialog', { name: 'How satisfied are you with your order?' }).waitFor()
    expect(await page.evaluate(() => document.querySelector('sayso-widget')!.shadowRoot!.activeElement?.getAttribute('role'))).toBe('radio')
    await page.getByRole('radio', { name: '5, Very satisfied' }).click()
    await page.getByRole('button', { name: 'Skip' }).click()
    await page.getByText('Thanks! You gave 5.').waitFor()
    const rows = await setup.collector.rows((rows) => rows.some((row) => row.surveyId === 'react-csat' && row.complete))
    expect(rows.filter((row) => row.surveyId === 'react-csat')).toEqual([expect.objectContaining({ score: 5, complete: true })])
    // The instance of the first (strict-mode) mount was destroyed: one survey host at most, ever.
    expect(await page.locator('sayso-widget').count()).toBeLessThanOrEqual(1)
    expect(problems).toEqual([])
  })
})

describe('the Vue example', () => {
  it('answers a survey opened from a component', async () => {
    const page = await newPage(setup.browser)
    const problems = watch(page)
    await page.goto(`${setup.collector.base}/examples/vue/`)
    await page.getByRole('button', { name: 'Tell us how we did' }).click()
    await page.getByRole('radio', { name: '8', exact: true }).click()
    await page.getByRole('textbox').fill('Fine')
    await page.getByRole('button', { name: 'Send' }).click()
    await page.getByText('Thanks! You gave 8.').waitFor()
    const rows = await setup.collector.rows((rows) => rows.some((row) => row.surveyId === 'vue-nps' && row.complete))
    expect(rows.find((row) => row.surveyId === 'vue-nps')).toMatchObject({ score: 8, comment: 'Fine' })
    expect(problems).toEqual([])
  })
})

describe('the server-rendered example', () => {
  it('renders on the server with sayso imported, then hydrates and answers in the browser', async () => {
    const { render } = await import(pathToFileURL(join(root, 'build/examples/ssr-server/render.js')).href)
    const manifest = JSON.parse(readFileSync(join(root, 'build/examples/ssr/.vite/manifest.json'), 'utf8'))
    const html: string = render('Trail tent', `/examples/ssr/${manifest['src/client.tsx'].file}`)
    expect(html).toContain('<h1>Trail tent</h1>')
    expect(html).toContain('Rendered on the server')
    const page = await newPage(setup.browser)
    const problems = watch(page)
    await page.route(`${setup.collector.base}/ssr`, (route) => route.fulfill({ contentType: 'text/html', body: html }))
    await page.goto(`${setup.collector.base}/ssr`)
    await page.locator('[data-ready=true]').waitFor()
    await page.getByRole('dialog', { name: 'It was easy for me to find this product.' }).waitFor()
    await page.getByRole('radio', { name: '6', exact: true }).click()
    const rows = await setup.collector.rows((rows) => rows.some((row) => row.surveyId === 'ssr-ces'))
    expect(rows.find((row) => row.surveyId === 'ssr-ces')).toMatchObject({ score: 6 })
    expect(problems).toEqual([])
  })
})
