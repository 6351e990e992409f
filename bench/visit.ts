// One visit: a fresh browser context (no cache, no storage), a page with the probe, CDP's
// performance metrics on from before navigation, and optionally a throttled network.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { chromium, type Browser, type CDPSession, type Page } from 'playwright-core'

const probe = readFileSync(join(import.meta.dirname, 'probe.js'), 'utf8')

/** Debian's Chromium, headless, with the flags of the browser tests (test/browser/harness.ts). */
export const launchChromium = (): Promise<Browser> =>
  chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
  })

/** Lighthouse's mobile network: 150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up. */
export const slowNetwork = { latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 }

export interface VisitOptions {
  network?: typeof slowNetwork
  /** Writes a Chromium trace of the visit to this file (until `close`). */
  trace?: string
  /** More in-page code to run before the page's own, after the probe. */
  init?: string
}

export interface PageLoad {
  /** JavaScript on the main thread from navigation to now (CDP Performance.getMetrics ScriptDuration), ms. */
  script: number
  /** Every main-thread task (TaskDuration), ms. */
  tasks: number
  /** JSHeapUsedSize after a full garbage collection, bytes. */
  heap: number
  /** Long tasks (≥ 50 ms) the page has had, ms each. */
  longTasks: number[]
}

export interface Visit {
  page: Page
  cdp: CDPSession
  /** The URL paths the page has requested, in order. */
  requested: string[]
  /** Waits (bounded) for the candidate to call `__bench.ready()`; ms since navigation started. */
  ready(timeoutMs?: number): Promise<number>
  pageLoad(): Promise<PageLoad>
  /** Evaluates an in-page expression that resolves to a number, giving up after `timeoutMs`. */
  measure(expression: string, timeoutMs?: number): Promise<number>
  close(): Promise<void>
}

const withTimeout = <T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> =>
  Promise.race([promise, new Promise<never>((_, fail) => setTimeout(() => fail(new Error(`${what}: no answer within ${timeoutMs} ms`)), timeoutMs).unref())])

export const visit = async (browser: Browser, url: string, options: VisitOptions = {}): Promise<Visit> => {
  // The bench's HTTP/2 server has a certificate made for the run (bench-server.ts).
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, ignoreHTTPSErrors: true })
  const page = await context.newPage()
  page.setDefaultTimeout(15_000)
  const cdp = await context.newCDPSession(page)
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' })
  if (options.network) {
    await cdp.send('Network.enable')
    await cdp.send('Network.emulateNetworkConditions', { offline: false, ...options.network })
  }
  await page.addInitScript({ content: probe })
  if (options.init) await page.addInitScript({ content: options.init })
  const requested: string[] = []
  page.on('request', (request) => requested.push(new URL(request.url()).pathname))
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  if (options.trace) await browser.startTracing(page, { path: options.trace, categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'v8.execute', 'disabled-by-default-v8.compile', 'blink.user_timing', 'loading'] })
  await page.goto(url, { waitUntil: 'load' })

  const measure = (expression: string, timeoutMs = 10_000) => {
    if (errors.length) throw new Error(`the page failed: ${errors.join('; ')}`)
    return withTimeout(page.evaluate(expression) as Promise<number>, timeoutMs, expression.slice(0, 60))
  }
  return {
    page,
    cdp,
    requested,
    ready: (timeoutMs = 10_000) => measure('__bench.whenReady', timeoutMs),
    async pageLoad() {
      await cdp.send('HeapProfiler.collectGarbage')
      const { metrics } = await cdp.send('Performance.getMetrics')
      const value = (name: string) => metrics.find((metric) => metric.name === name)?.value ?? 0
      const longTasks = (await page.evaluate('__bench.longTasks')) as { duration: number }[]
      return { script: value('ScriptDuration') * 1000, tasks: value('TaskDuration') * 1000, heap: value('JSHeapUsedSize'), longTasks: longTasks.map((task) => task.duration) }
    },
    measure,
    async close() {
      if (options.trace) await browser.stopTracing()
      await context.close()
    }
  }
}

/**
 * Runs `work` in a visit and closes it, whatever happens. A visit that fails (a timeout on these
 * shared cores) is made once more, in a fresh context, before the bench gives up.
 */
export const withVisit = async <T>(browser: Browser, url: string, options: VisitOptions, work: (tab: Visit) => Promise<T>): Promise<T> => {
  for (let attempt = 1; ; attempt++) {
    const tab = await visit(browser, url, options)
    try {
      return await work(tab)
    } catch (error) {
      if (attempt == 2) throw error
      console.warn(`\n${url}: ${error instanceof Error ? error.message.split('\n')[0] : error}; visiting again`)
    } finally {
      await tab.close()
    }
  }
}
