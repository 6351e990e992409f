import { readFileSync } from 'node:fs'
import { defineConfig } from 'vitest/config'
import { partsPlugin } from './scripts/parts-plugin.mjs'

const { version } = JSON.parse(readFileSync('package.json', 'utf8'))

export default defineConfig({
  // Parts and languages as chunks, as an npm user's bundler makes them.
  plugins: [partsPlugin({ parts: 'chunks', languages: 'chunks' })],
  define: { __SAYSO_VERSION__: JSON.stringify(version) },
  oxc: { jsx: { runtime: 'classic', pragma: 'h', pragmaFrag: 'Fragment' } },
  test: {
    projects: [
      {
        extends: true,
        test: { name: 'unit', environment: 'happy-dom', include: ['test/unit/**/*.test.{ts,tsx}'], setupFiles: ['test/unit/setup.ts'] }
      },
      {
        extends: true,
        test: {
          name: 'browser',
          environment: 'node',
          include: ['test/browser/**/*.test.ts'],
          // Chromium, Firefox and WebKit's display, launched once for the run.
          globalSetup: ['test/browser/engines/launch-engines.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          fileParallelism: false
        }
      }
    ]
  }
})
