import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { nodeResolve } from '@rollup/plugin-node-resolve'
import { rollup } from 'rollup'
import { describe, expect, it } from 'vitest'
import { root } from './harness'

// The built package, checked in Node: no browser.
const node = (code: string, type: 'module' | 'commonjs') =>
  execFileSync(process.execPath, [type === 'module' ? '--input-type=module' : '--input-type=commonjs', '-e', code], {
    cwd: root,
    encoding: 'utf8'
  }).trim()

describe('the built package', () => {
  it('imports in Node, as ESM and as CommonJS, without a DOM (SSR)', () => {
    expect(node(`import { init } from 'sayso'; console.log(typeof init, typeof window)`, 'module')).toBe('function undefined')
    expect(node(`const { init } = require('sayso'); console.log(typeof init)`, 'commonjs')).toBe('function')
  })

  it('ships one bundled type file with the public API', () => {
    const types = readFileSync(join(root, 'dist/index.d.ts'), 'utf8')
    for (const name of ['init', 'SaysoConfig', 'Survey', 'Answer', 'Transport', 'SaysoEvents']) expect(types).toContain(name)
    expect(types).not.toMatch(/from ['"]\.\//)
  })

  it('keeps eval and inline styles out of the script-tag bundle', () => {
    const bundle = readFileSync(join(root, 'dist/sayso.js'), 'utf8')
    expect(bundle).not.toMatch(/\beval\(|new Function\(|setAttribute\("style"/)
    expect(bundle).not.toContain('process.env')
  })
})

describe('tree-shaking the npm entry', () => {
  const bundle = async (code: string) => {
    const build = await rollup({
      input: 'entry',
      external: (id) => /^(preact|zod)/.test(id),
      plugins: [
        { name: 'entry', resolveId: (id) => (id === 'entry' ? id : null), load: (id) => (id === 'entry' ? code : null) },
        nodeResolve({ rootDir: root })
      ],
      onwarn: () => {}
    })
    const { output } = await build.generate({ format: 'es' })
    return output[0].code
  }

  it('leaves out every adapter that is not imported', async () => {
    const code = await bundle(`import { init } from '${join(root, 'dist/index.js')}'; init({})`)
    for (const tool of ['window.analytics', 'RudderStack', 'PostHog', 'Google Tag Manager', 'Intercom', 'HubSpot', 'beaconTransport']) {
      expect(code).not.toContain(tool)
    }
  })

  it('keeps the one that is', async () => {
    const code = await bundle(`import { init, segmentTransport } from '${join(root, 'dist/index.js')}'; init({ transport: segmentTransport() })`)
    expect(code).toContain('Segment or RudderStack')
    expect(code).not.toContain('HubSpot')
  })
})
