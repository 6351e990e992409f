import { afterAll, afterEach, beforeAll } from 'vitest'
import { launchChromium } from './chromium'
import type { Context, Engine, EngineName } from './driver'
import { launchFirefox } from './firefox'
import { launchWebKit } from './webkit'

/** The engines every end-to-end flow runs in. `ENGINES=webkit` (comma-separated) runs fewer. */
export const engineNames: EngineName[] = (process.env.ENGINES?.split(',') as EngineName[] | undefined) ?? ['chromium', 'firefox', 'webkit']

const launchers: Record<EngineName, () => Promise<Engine>> = {
  chromium: launchChromium,
  firefox: launchFirefox,
  webkit: launchWebKit
}

/**
 * For a describe block of one engine: the browser, launched once before its tests and closed
 * after them (so that one browser runs at a time), and `context()`, a fresh profile for a
 * test, closed after it.
 */
export const useEngine = (name: EngineName) => {
  let engine: Engine | undefined
  const open: Context[] = []
  beforeAll(async () => {
    engine = await launchers[name]()
  })
  afterEach(async () => {
    await Promise.all(open.splice(0).map((context) => context.close()))
  })
  afterAll(() => engine?.close())
  return {
    name,
    async context() {
      if (!engine) throw new Error(`${name} did not start`)
      const context = await engine.newContext()
      open.push(context)
      return context
    }
  }
}
