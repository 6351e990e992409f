// `npm run screenshots`: the README's pictures of choice follow-ups, a thank-you's link and an
// inline survey (docs/screenshots/), drawn by the built dist/sayso.js served by the demo server,
// in Chromium (playwright-core). Run `npm run build` first.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromium, type Page } from 'playwright-core'
import { createSqliteStore } from '../collector/store/sqlite-store'
import { createDemoServer } from '../demo/server/create-demo-server'
import { chromiumOptions } from '../test/browser/engines/browser-options'

const root = resolve(import.meta.dirname, '..')
const out = join(root, 'docs/screenshots')

const page = (surveys: object[], body: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>sayso</title>
<style>body { font: 16px/1.5 system-ui, sans-serif; margin: 0; padding: 32px 48px; color: #1f2328 } article { max-width: 560px }</style>
<script>
  window.sayso = window.sayso || function () { (window.sayso.q = window.sayso.q || []).push(arguments) };
  sayso('init', ${JSON.stringify({ endpoint: '/api/answers', locale: 'en', brand: 'Acme', surveys })});
</script><script async src="/sayso.js"></script></head><body>${body}</body></html>`

const article = `<article><h1>Returning an item</h1><p>Open your orders, choose the item and the reason, and print the label.
The parcel is free to send within 30 days of delivery, and the refund reaches your card within five working days of our
receiving it.</p><div id="was-this-helpful"></div></article>`
const reasons = {
  detractor: [{ value: 'price', label: 'Too expensive' }, { value: 'slow', label: 'Slow delivery' }, { value: 'support', label: 'Hard to reach support' }],
  promoter: ['Quality', 'Fast delivery', 'Friendly support']
}

const shots: { name: string; html: string; size: { width: number; height: number }; steps: (page: Page) => Promise<void> }[] = [
  {
    name: 'choices',
    size: { width: 760, height: 560 },
    html: page([{ id: 'nps', type: 'nps', trigger: 'manual', followUp: { choices: reasons, multiple: true, comment: true } }], '<h1>Your orders</h1>'),
    async steps(page) {
      await page.evaluate(() => (window as unknown as { sayso: (...a: unknown[]) => void }).sayso('show', 'nps', { force: true }))
      await page.locator('sayso-widget [role=radio]').nth(4).click()
      await page.locator('sayso-widget [role=checkbox]').nth(0).click()
      await page.locator('sayso-widget [role=checkbox]').nth(1).click()
    }
  },
  {
    name: 'thank-you-action',
    size: { width: 760, height: 400 },
    html: page(
      [{ id: 'nps', type: 'nps', trigger: 'manual', followUp: false, thankYou: { action: { promoter: { label: 'Leave a review', url: 'https://example.com/review' } } } }],
      '<h1>Thanks for your order</h1>'
    ),
    async steps(page) {
      await page.evaluate(() => (window as unknown as { sayso: (...a: unknown[]) => void }).sayso('show', 'nps', { force: true }))
      await page.locator('sayso-widget [role=radio]').nth(10).click()
      await page.locator('sayso-widget a').waitFor()
    }
  },
  {
    name: 'inline',
    size: { width: 760, height: 520 },
    html: page([{ id: 'helpful', type: 'csat', question: 'Was this page helpful?', inline: '#was-this-helpful', followUp: { question: 'What made it so?', choices: ['Clear', 'Complete', 'Too long'] } }], article),
    async steps(page) {
      await page.locator('sayso-inline [role=radio]').nth(4).click()
      await page.locator('sayso-inline [role=radio]').nth(0).click()
    }
  }
]

const folder = mkdtempSync(join(tmpdir(), 'sayso-shots-'))
const store = createSqliteStore(join(folder, 'shots.db'))
const server = createDemoServer({ store, root, surveys: [] })
await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
const browser = await chromium.launch(chromiumOptions)
try {
  mkdirSync(out, { recursive: true })
  for (const shot of shots) {
    const tab = await browser.newPage({ viewport: shot.size })
    tab.setDefaultTimeout(10_000)
    await tab.route(`${base}/shot`, (route) => route.fulfill({ contentType: 'text/html', body: shot.html }))
    await tab.emulateMedia({ reducedMotion: 'reduce' })
    await tab.goto(`${base}/shot`)
    await tab.waitForFunction(() => (window as unknown as { sayso?: { version?: string } }).sayso?.version)
    await shot.steps(tab)
    await tab.screenshot({ path: join(out, `${shot.name}.png`) })
    console.log(`docs/screenshots/${shot.name}.png`)
    await tab.close()
  }
} finally {
  await browser.close()
  server.closeAllConnections()
  await new Promise((done) => server.close(done))
  await store.close()
  rmSync(folder, { recursive: true, force: true })
}
