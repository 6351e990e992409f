import { afterAll, afterEach, beforeAll, inject } from 'vitest'
import { connectChromium } from './chromium'
import type { Context, Engine, EngineName, Launched } from './driver'
import { connectFirefox } from './firefox'
import { connectWebKit } from './webkit'
import { builds } from '../harness'

export { engineNames } from './driver'

/**
 * The script-tag builds a flow runs with in an engine: both in Chromium; the lazy build alone in
 * the others, since the one-file build is the same code without the module imports in which the
 * engines differ (and each engine adds a browser's worth of time to the run).
 */
export const buildsFor = (name: EngineName): readonly (typeof builds)[number][] => (name === 'chromium' ? builds : ['sayso.js'])

const notLaunched = (name: EngineName) =>
  Promise.reject(new Error(`${name} was not launched for this run: see ENGINES and test/browser/engines/launch-engines.ts`))

const connectors: Record<EngineName, (launched: Launched) => Promise<Engine>> = {
  chromium: ({ chromium }) => (chromium ? connectChromium(chromium) : notLaunched('chromium')),
  firefox: ({ firefox }) => (firefox ? connectFirefox(firefox) : notLaunched('firefox')),
  webkit: ({ display }) => (display ? connectWebKit(display) : notLaunched('webkit'))
}

/**
 * For a describe block of one engine: the browser launched for the run (launch-engines.ts),
 * reached before its tests and let go after them, and `context()`, a fresh profile for a test,
 * closed after it.
 */
export const useEngine = (name: EngineName) => {
  let engine: Engine | undefined
  const open: Context[] = []
  beforeAll(async () => {
    engine = await connectors[name](inject('engines') ?? {})
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
