// What sayso adds to a React and a Vue app: each example built as it is, and again with
// `sayso` replaced by an empty stand-in; the difference, brotli-compressed.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { brotliCompressSync, constants } from 'node:zlib'
import { build } from 'vite'
import { exampleConfig } from '../demo/examples.vite'

const brotli = (file: string) => brotliCompressSync(readFileSync(file), { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length
const folder = mkdtempSync(join(tmpdir(), 'sayso-examples-'))
const stub = join(folder, 'stub.js')
writeFileSync(stub, 'export const init = () => ({ on() {}, show() {}, destroy() {} })\n')

// JavaScript the page loads at once (the entry and what it imports), and what it may load later.
const measure = (outDir: string) => {
  const assets = join(outDir, 'assets')
  const html = readFileSync(join(outDir, 'index.html'), 'utf8')
  const files = readdirSync(assets).filter((file) => file.endsWith('.js'))
  const entry = files.filter((file) => html.includes(file))
  const lazy = files.filter((file) => !html.includes(file))
  const sum = (list: string[]) => list.reduce((total, file) => total + brotli(join(assets, file)), 0)
  return { atLoad: sum(entry), ui: sum(lazy.filter((file) => file.startsWith('ui-'))), languages: sum(lazy.filter((file) => !file.startsWith('ui-'))) }
}

console.log('\nWhat sayso adds to the framework examples (brotli)\n')
for (const name of ['react', 'vue'] as const) {
  const withSayso = join(folder, `${name}-with`)
  const without = join(folder, `${name}-without`)
  await build(exampleConfig(name, { build: { outDir: withSayso } }))
  await build({ ...exampleConfig(name, { build: { outDir: without } }), resolve: { alias: { sayso: stub } } })
  const a = measure(withSayso)
  const b = measure(without)
  console.log(
    `  ${name.padEnd(6)} app alone ${(b.atLoad / 1000).toFixed(2)} kB; with sayso ${(a.atLoad / 1000).toFixed(2)} kB at load (+${((a.atLoad - b.atLoad) / 1000).toFixed(2)} kB), ` +
      `+${(a.ui / 1000).toFixed(2)} kB when a survey shows, each other language ${(a.languages / 11 / 1000).toFixed(2)} kB`
  )
}
rmSync(folder, { recursive: true, force: true })
console.log()
