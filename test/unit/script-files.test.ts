// @vitest-environment node
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createScriptFiles, SCRIPT_MAX_AGE } from '../../collector/files/script-files'

// How the collector serves sayso's files (docs/embedding.md, "What the build gives"): a part named
// by its content never changes, so a browser keeps it a year; sayso.js is asked for again soon,
// so that a release reaches visitors; every one may be loaded from another origin.
const dist = mkdtempSync(join(tmpdir(), 'sayso-dist-'))
afterAll(() => rmSync(dist, { recursive: true, force: true }))
mkdirSync(join(dist, 'i18n'))
writeFileSync(
  join(dist, 'manifest.json'),
  JSON.stringify({ builds: { 'sayso.js': {}, 'sayso.full.js': {} }, built: { ui: 'sayso.ui.0a1b2c3d.js', pl: 'i18n/pl.4e5f6a7b.js' } })
)
for (const file of ['sayso.js', 'sayso.full.js', 'sayso.ui.0a1b2c3d.js', 'i18n/pl.4e5f6a7b.js', 'sayso.ui.99999999.js', 'index.js']) writeFileSync(join(dist, file), '/* code */')
const serve = createScriptFiles(dist)

describe('sayso’s script files', () => {
  it('keeps the parts and languages, named by their content, for a year', async () => {
    for (const path of ['/sayso.ui.0a1b2c3d.js', '/i18n/pl.4e5f6a7b.js']) {
      expect((await serve(path))?.headers).toMatchObject({ 'Cache-Control': 'public, max-age=31536000, immutable', 'Access-Control-Allow-Origin': '*' })
    }
  })

  it('asks for sayso.js and sayso.full.js again after a few minutes', async () => {
    expect(SCRIPT_MAX_AGE).toBeLessThanOrEqual(600)
    for (const path of ['/sayso.js', '/sayso.full.js']) {
      expect((await serve(path))?.headers).toMatchObject({ 'Cache-Control': `public, max-age=${SCRIPT_MAX_AGE}`, 'Access-Control-Allow-Origin': '*' })
    }
  })

  it('serves nothing the manifest does not list: a part of another build, the npm files', async () => {
    expect(await serve('/sayso.ui.99999999.js')).toBeUndefined()
    expect(await serve('/index.js')).toBeUndefined()
  })
})
