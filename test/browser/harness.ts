import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { afterAll, beforeAll, inject } from 'vitest'
import { createDemoServer } from '../../demo/server/create-demo-server'
import { createTrouble } from '../../demo/server/create-trouble'
import { createSqliteStore } from '../../collector/store/sqlite-store'
import type { StoredAnswer } from '../../collector/store/store'
import { chromiumOptions } from './engines/browser-options'

export const root = resolve(import.meta.dirname, '../..')

/** The real collector on a free loopback port, with a fresh SQLite file. */
export const startCollector = async () => {
  if (!existsSync(join(root, 'dist/sayso.js'))) throw new Error('dist/sayso.js is missing: run `npm run build` first')
  const folder = mkdtempSync(join(tmpdir(), 'sayso-'))
  const store = createSqliteStore(join(folder, 'test.db'))
  // Seeded, so that a run's injected failures can be repeated.
  let seed = 7
  const trouble = createTrouble(() => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31))
  const surveys = JSON.parse(readFileSync(join(root, 'surveys.json'), 'utf8')).surveys
  const server = createDemoServer({ store, root, trouble, surveys })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    base,
    store,
    /** The fault switch and the log of every POST /api/answers. */
    trouble,
    /** Waits (bounded) until the store holds what `until` wants, and returns the rows. */
    async rows(until: (rows: StoredAnswer[]) => boolean = (rows) => rows.length > 0, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs
      for (;;) {
        const rows = await store.answers({ limit: 100_000 })
        if (until(rows) || Date.now() > deadline) return rows
        await new Promise((wait) => setTimeout(wait, 50))
      }
    },
    async close() {
      server.closeAllConnections()
      await new Promise((done) => server.close(done))
      await store.close()
      rmSync(folder, { recursive: true, force: true })
    }
  }
}

/**
 * Chromium for a test file: the one launched for the whole run (launch-engines.ts), else one of
 * its own. Closing it closes what this file opened in it.
 */
export const launch = (): Promise<Browser> => {
  const shared = inject('engines')?.chromium
  return shared ? chromium.connect(shared) : chromium.launch(chromiumOptions)
}

/** A fresh page whose waits give up after 5 s, well inside a test's time. */
export const newPage = async (browser: Browser, options?: Parameters<Browser['newPage']>[0]) => {
  const page = await browser.newPage(options)
  page.setDefaultTimeout(5000)
  return page
}

/** Collects what a page reports: uncaught errors and console errors. */
export const watch = (page: Page) => {
  const problems: string[] = []
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`))
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`)
  })
  return problems
}

/** The survey dialog, inside sayso's open shadow root (Playwright's CSS pierces it). */
export const surveyDialog = (page: Page) => page.locator('sayso-widget [role=dialog]')

/**
 * For a test file: the real collector and Chromium, started before its tests
 * and stopped after them. Read `.collector` and `.browser` inside the tests.
 */
export const useCollectorAndBrowser = () => {
  const setup = {} as { collector: Awaited<ReturnType<typeof startCollector>>; browser: Browser }
  beforeAll(async () => {
    setup.collector = await startCollector()
    setup.browser = await launch()
  })
  afterAll(async () => {
    await setup.browser?.close()
    await setup.collector?.close()
  })
  return setup
}

/** The script-tag builds: the one that loads its parts when needed, and the same in one file. */
export const builds = ['sayso.js', 'sayso.full.js'] as const

/** Serves the chosen build wherever a page asks for /sayso.js. */
export const useBuild = (page: Page, build: (typeof builds)[number]) =>
  build === 'sayso.js'
    ? Promise.resolve()
    : page.route(/\/sayso\.js$/, (route) => route.fulfill({ path: join(root, 'dist', build), contentType: 'text/javascript' }))
