// sayso in real headless Chromium, on loopback: what it costs a storefront page and how fast it
// answers. Every figure is the median of several runs, with and without sayso side by side.
import { readFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { cpus, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import { chromium, type Browser, type Page } from 'playwright-core'
import { createDemoServer } from '../demo/server/create-demo-server'
import { createSqliteStore } from '../collector/store/sqlite-store'

const root = resolve(import.meta.dirname, '..')
const runs = Number(process.env.BENCH_RUNS ?? 7)
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}
const kB = (bytes: number) => `${(bytes / 1000).toFixed(2)} kB`
const ms = (value: number) => `${value.toFixed(1)} ms`

// Bytes
const bytes = ['sayso.js', 'sayso.core.js', 'sayso.ui.js', 'sayso.send.js', 'sayso.remote.js', 'i18n/pl.js'].map((file) => {
  const code = readFileSync(join(root, 'dist', file))
  return {
    file,
    raw: code.length,
    gzip: gzipSync(code, { level: 9 }).length,
    brotli: brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length
  }
})

// A realistic storefront: the demo's, with a product grid and its own script; sayso's
// snippet and tag are taken out for the runs "without".
const folder = mkdtempSync(join(tmpdir(), 'sayso-bench-sdk-'))
const store = createSqliteStore(join(folder, 'bench.db'))
const server = createDemoServer({ store, root, surveys: JSON.parse(readFileSync(join(root, 'surveys.json'), 'utf8')).surveys })
await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
const storefront = readFileSync(join(root, 'demo/index.html'), 'utf8')
const withoutSayso = storefront.replace(/<!-- The sayso snippet[\s\S]*?<script async src="\/sayso.js"><\/script>/, '')
const pageFor = (build: string | null) =>
  build === null ? withoutSayso : storefront.replace('<script async src="/sayso.js">', `<script async src="/${build}">`)

const browser: Browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--js-flags=--expose-gc']
})

// The files of sayso each page requests.
const requested = new WeakMap<Page, string[]>()
const open = async (html: string): Promise<Page> => {
  const context = await browser.newContext()
  const page = await context.newPage()
  const files: string[] = []
  requested.set(page, files)
  page.on('request', (request) => {
    const file = /\/(sayso[.\w]*\.js|i18n\/[\w-]+\.js)$/.exec(new URL(request.url()).pathname)?.[1]
    if (file) files.push(file)
  })
  // tsx names the functions it compiles with a helper that the page lacks.
  await page.addInitScript('window.__name = (f) => f')
  await page.addInitScript(() => {
    const w = window as unknown as { longTasks: number[] }
    w.longTasks = []
    new PerformanceObserver((list) => list.getEntries().forEach((entry) => w.longTasks.push(entry.duration))).observe({ type: 'longtask', buffered: true })
  })
  await page.route(`${base}/bench`, (route) => route.fulfill({ contentType: 'text/html', body: html }))
  await page.goto(`${base}/bench`, { waitUntil: 'load' })
  return page
}

const metrics = async (page: Page) => {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Performance.enable')
  await page.waitForTimeout(1200) // start-up, idle work and the first flush
  await page.evaluate(() => (window as unknown as { gc?: () => void }).gc?.())
  const { metrics } = await cdp.send('Performance.getMetrics')
  const value = (name: string) => metrics.find((metric) => metric.name === name)?.value ?? 0
  return {
    script: value('ScriptDuration') * 1000,
    tasks: value('TaskDuration') * 1000,
    heap: value('JSHeapUsedSize'),
    longTasks: (await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks)).length
  }
}

const startup: Record<string, { script: number[]; tasks: number[]; heap: number[]; longTasks: number[] }> = {}
// What the storefront's page view (no survey shows; its surveys come from configUrl) downloads of sayso.
const loaded: Record<string, string[]> = {}
for (const build of [null, 'sayso.js', 'sayso.core.js']) {
  const name = build ?? 'without sayso'
  startup[name] = { script: [], tasks: [], heap: [], longTasks: [] }
  for (let run = 0; run < runs; run++) {
    const page = await open(pageFor(build))
    const measured = await metrics(page)
    loaded[name] = [...new Set(requested.get(page))]
    for (const key of ['script', 'tasks', 'heap', 'longTasks'] as const) startup[name][key].push(measured[key])
    await page.context().close()
  }
}

// Trigger to visible: track() to the dialog painted, with the UI part not yet loaded (first)
// and loaded (warm); answer to queue: the click to the answer stored.
const latency: Record<string, { first: number[]; warm: number[]; toQueue: number[]; heapAfterSurvey: number[] }> = {}
const heapNow = async (page: Page) => {
  await page.evaluate(() => (window as unknown as { gc?: () => void }).gc?.())
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Performance.enable')
  const { metrics } = await cdp.send('Performance.getMetrics')
  return metrics.find((metric) => metric.name === 'JSHeapUsedSize')!.value
}
for (const build of ['sayso.js', 'sayso.core.js']) {
  latency[build] = { first: [], warm: [], toQueue: [], heapAfterSurvey: [] }
  for (let run = 0; run < runs; run++) {
    const page = await open(pageFor(build))
    await page.waitForTimeout(1200)
    const heapBefore = await heapNow(page)
    const visible = (surveyId: string) =>
      page.evaluate(
        (surveyId) =>
          new Promise<number>((done) => {
            const sayso = (window as unknown as { sayso: (...a: unknown[]) => unknown }).sayso
            const t0 = performance.now()
            sayso('on', 'show', () => requestAnimationFrame(() => setTimeout(() => done(performance.now() - t0))))
            sayso('show', surveyId, { force: true })
          }),
        surveyId
      )
    latency[build].first.push(await visible('csat-delivery'))
    const toQueue = page.evaluate(
      () =>
        new Promise<number>((done) => {
          const sayso = (window as unknown as { sayso: (...a: unknown[]) => unknown }).sayso
          let t0 = 0
          document.addEventListener('pointerdown', () => (t0 = performance.now()), { capture: true, once: true })
          sayso('on', 'answer', () => done(performance.now() - t0))
        })
    )
    await page.locator('sayso-widget [role=radio]').nth(4).click()
    latency[build].toQueue.push(await toQueue)
    await page.locator('sayso-widget .close').click()
    latency[build].warm.push(await visible('ces-returns'))
    await page.locator('sayso-widget .close').click()
    latency[build].heapAfterSurvey.push((await heapNow(page)) - heapBefore)
    await page.context().close()
  }
}

// Draining 1,000 answers into the collector (in waves of 200, the queue's bound).
const drains: number[] = []
for (let run = 0; run < Math.min(runs, 3); run++) {
  const page = await open(pageFor('sayso.js'))
  drains.push(
    await page.evaluate(async () => {
      const queued = () => Object.keys(localStorage).filter((key) => key.startsWith('sayso:q:')).length
      const sayso = (window as unknown as { sayso: (...a: unknown[]) => Promise<void> }).sayso
      const t0 = performance.now()
      for (let wave = 0; wave < 5; wave++) {
        for (let i = 0; i < 200; i++) {
          const id = crypto.randomUUID()
          const answer = { id, surveyId: 'drain', type: 'nps', score: i % 11, complete: true, createdAt: new Date().toISOString(), url: location.href, locale: 'en', visitorId: 'bench', sdk: 'sayso@bench' }
          localStorage.setItem(`sayso:q:/api/answers:${id}`, JSON.stringify({ answer }))
        }
        await sayso('flush')
        while (queued()) await new Promise((wait) => setTimeout(wait, 5))
      }
      return performance.now() - t0
    })
  )
  await page.context().close()
}

await browser.close()
server.closeAllConnections()
server.close()
await store.close()
rmSync(folder, { recursive: true, force: true })

const cost = (name: string, key: 'script' | 'tasks' | 'heap') => median(startup[name][key]) - median(startup['without sayso'][key])
const lines = [
  '',
  `sayso in headless Chromium ${browser.version()}, median of ${runs} runs, on ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}`,
  '',
  'Bytes',
  ...bytes.map((b) => `  ${b.file.padEnd(16)} raw ${kB(b.raw).padStart(9)}   gzip ${kB(b.gzip).padStart(8)}   brotli ${kB(b.brotli).padStart(8)}`),
  '',
  'A page view of the demo storefront where no survey shows (its surveys come from configUrl)',
  ...['sayso.js', 'sayso.core.js'].map((name) => {
    const files = loaded[name].map((file) => bytes.find((b) => b.file === file) ?? { file, brotli: NaN })
    return `  ${name.padEnd(16)} downloads ${files.map((b) => b.file).join(' + ')} = ${kB(files.reduce((sum, b) => sum + b.brotli, 0))} brotli`
  }),
  '',
  'Start-up on the demo storefront (the difference to the same page without sayso)',
  ...['sayso.js', 'sayso.core.js'].map(
    (name) =>
      `  ${name.padEnd(16)} script ${ms(cost(name, 'script')).padStart(8)}   all tasks ${ms(cost(name, 'tasks')).padStart(8)}   long tasks ${median(startup[name].longTasks)} (page alone ${median(startup['without sayso'].longTasks)})   heap +${kB(cost(name, 'heap'))}`
  ),
  '',
  'Latency',
  ...['sayso.js', 'sayso.core.js'].map(
    (name) =>
      `  ${name.padEnd(16)} show() to painted: first ${ms(median(latency[name].first)).padStart(8)}, warm ${ms(median(latency[name].warm)).padStart(7)}   click to answer queued ${ms(median(latency[name].toQueue)).padStart(7)}   heap after two surveys +${kB(median(latency[name].heapAfterSurvey))}`
  ),
  `  draining 1,000 queued answers into the collector: ${ms(median(drains))}`,
  ''
]
console.log(lines.join('\n'))
mkdirSync(join(root, 'test-output'), { recursive: true })
writeFileSync(join(root, 'test-output/bench-sdk.json'), JSON.stringify({ bytes, loaded, startup, latency, drains }, null, 2))
