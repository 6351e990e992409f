import { resolve } from 'node:path'
import type { InlineConfig } from 'vite'

const root = resolve(import.meta.dirname, '..')

/**
 * How the framework examples build: each imports `sayso` as an app would (here the
 * package's own built ESM entry, whose survey-drawing part becomes a chunk of the app)
 * and is served by the collector under /examples/<name>/.
 */
export const exampleConfig = (name: 'react' | 'vue' | 'ssr', extra: InlineConfig = {}): InlineConfig => ({
  root: resolve(root, 'demo', name),
  base: `/examples/${name}/`,
  logLevel: 'warn',
  configFile: false,
  resolve: { alias: { sayso: resolve(root, 'dist/index.js') } },
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: { outDir: resolve(root, 'build/examples', name), emptyOutDir: true, ...extra.build },
  ...Object.fromEntries(Object.entries(extra).filter(([key]) => key !== 'build'))
})
