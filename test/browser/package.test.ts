import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { root } from './harness'

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
