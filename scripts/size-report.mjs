// `npm run size` prints, after size-limit's budgets, what each part of the
// script-tag bundle costs, and fails when the README's stated size drifts.
import { readFileSync } from 'node:fs'
import { brotliCompressSync, constants } from 'node:zlib'
import { rollup } from 'rollup'
import { minify } from 'terser'
import config from '../rollup.config.mjs'

const brotli = (text) => brotliCompressSync(text, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length

const part = (id) => {
  const path = id.replace(/\\/g, '/')
  if (path.includes('/node_modules/')) return path.match(/node_modules\/((@[^/]+\/)?[^/]+)/)[1]
  const inside = path.split('/src/')[1] ?? path
  return inside.includes('/') ? `src/${inside.split('/')[0]}/` : 'src/ (entry, commands, events)'
}

const bundle = await rollup({
  input: config[0].input,
  plugins: config[0].plugins.filter((plugin) => plugin && plugin.name !== 'terser'),
  onwarn: () => {}
})
const { output } = await bundle.generate({ format: 'es', inlineDynamicImports: true })
const parts = new Map()
for (const [id, module] of Object.entries(output[0].modules)) {
  if (!module.code) continue
  const name = part(id)
  parts.set(name, (parts.get(name) ?? '') + module.code + '\n')
}

const rows = []
for (const [name, code] of parts) {
  const { code: small } = await minify(code, { module: true, compress: false, mangle: true })
  rows.push([name, brotli(small ?? '')])
}
rows.sort((a, b) => b[1] - a[1])
const total = brotli(readFileSync('dist/sayso.js'))
console.log('\n  What each part of dist/sayso.js costs (each part minified and brotli-compressed on its own,')
console.log('  so the parts add up to more than the whole):\n')
for (const [name, bytes] of rows) console.log(`  ${name.padEnd(34)} ${(bytes / 1000).toFixed(2).padStart(6)} kB`)
console.log(`  ${'dist/sayso.js, whole'.padEnd(34)} ${(total / 1000).toFixed(2).padStart(6)} kB\n`)

const readme = readFileSync('README.md', 'utf8')
const stated = readme.match(/`dist\/sayso\.js`, one file[^|]*\| \*\*([\d.]+) kB\*\*/)
if (!stated) throw new Error('README.md must state the size of dist/sayso.js in its size table, as "| **N kB**"')
if (Math.abs(Number(stated[1]) * 1000 - total) > 150) {
  console.error(`README.md says dist/sayso.js is ${stated[1]} kB; it is ${(total / 1000).toFixed(2)} kB. Update the README.`)
  process.exit(1)
}
