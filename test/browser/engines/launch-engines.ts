import puppeteer from 'puppeteer-core'
import { chromium } from 'playwright-core'
import type { TestProject } from 'vitest/node'
import { chromiumOptions, firefoxOptions } from './browser-options'
import { engineNames, type Launched } from './driver'
import { startDisplay, stop } from './webkit-processes'

declare module 'vitest' {
  export interface ProvidedContext {
    engines: Launched
  }
}

/**
 * The browser project's global setup: each browser launched once for the whole run, not once
 * per test file (Firefox alone takes 4–9 s to start on these two cores), and closed at its end.
 * Test files connect to them one after the other (`fileParallelism: false`): Firefox takes one
 * WebDriver BiDi session at a time. WebKit gets its X display here; each of its profiles is a
 * WebKitWebDriver session of its own (webkit-processes.ts).
 */
export default async function launchEngines(project: TestProject) {
  const launched: Launched = {}
  const closing: (() => Promise<unknown>)[] = []
  if (engineNames.includes('chromium')) {
    const server = await chromium.launchServer(chromiumOptions)
    launched.chromium = server.wsEndpoint()
    closing.push(() => server.close())
  }
  if (engineNames.includes('firefox')) {
    const browser = await puppeteer.launch(firefoxOptions)
    launched.firefox = browser.wsEndpoint()
    // Its session ends here, so that the test files can start theirs.
    await browser.disconnect()
    const firefox = browser.process()!
    closing.push(async () => firefox.kill('SIGTERM'))
  }
  if (engineNames.includes('webkit')) {
    const { xvfb, display } = await startDisplay()
    launched.display = display
    closing.push(async () => stop(xvfb))
  }
  project.provide('engines', launched)
  return async () => {
    await Promise.all(closing.map((close) => close().catch(() => undefined)))
  }
}
