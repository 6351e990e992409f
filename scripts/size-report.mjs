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

const full = config.find((build) => build.output.file === 'dist/sayso.full.js')
const bundle = await rollup({
  input: full.input,
  plugins: full.plugins.filter((plugin) => plugin && plugin.name !== 'terser'),
  onwarn: () => {}
})
const { output } = await bundle.generate({ format: 'es', inlineDynamicImports: true })
const parts = new Map()
const files = new Map()
for (const [id, module] of Object.entries(output[0].modules)) {
  if (!module.code) continue
  const name = part(id)
  parts.set(name, (parts.get(name) ?? '') + module.code + '\n')
  files.set(id.replace(/\\/g, '/').split('/src/')[1], module.code)
}

// The features of issue #17, each by the files that are its alone (what they share with the rest —
// the view, the styles, the checks — is in the parts above).
const features = {
  'choice follow-ups': ['ui/choices.ts'],
  'thank-you actions': ['ui/thank-you-link.ts'],
  'inline placements': ['ui/create-placements.ts']
}

const rows = []
for (const [name, code] of parts) {
  const { code: small } = await minify(code, { module: true, compress: false, mangle: true })
  rows.push([name, brotli(small ?? '')])
}
rows.sort((a, b) => b[1] - a[1])
const total = brotli(readFileSync('dist/sayso.full.js'))
console.log('\n  What each part of dist/sayso.full.js costs (each part minified and brotli-compressed on its own,')
console.log('  so the parts add up to more than the whole):\n')
for (const [name, bytes] of rows) console.log(`  ${name.padEnd(34)} ${(bytes / 1000).toFixed(2).padStart(6)} kB`)
console.log(`  ${'dist/sayso.full.js, whole'.padEnd(34)} ${(total / 1000).toFixed(2).padStart(6)} kB\n`)
console.log('  Features (their own files, in src/ui/, the drawing part; minified and brotli-compressed on their own):\n')
for (const [feature, paths] of Object.entries(features)) {
  const missing = paths.filter((path) => !files.has(path))
  if (missing.length) throw new Error(`scripts/size-report.mjs: ${feature} lists ${missing.join(', ')}, which dist/sayso.full.js does not hold`)
  const { code: small } = await minify(paths.map((path) => files.get(path)).join('\n'), { module: true, compress: false, mangle: true })
  console.log(`  ${`${feature} (${paths.join(', ')})`.padEnd(52)} ${String(brotli(small ?? '')).padStart(5)} B`)
}
console.log('')

// The README's size table states each script-tag file's size, as "| `dist/sayso.js` … | **N kB** |".
const readme = readFileSync('README.md', 'utf8')
for (const file of ['sayso.js', 'sayso.full.js']) {
  const size = brotli(readFileSync(`dist/${file}`))
  const stated = readme.match(new RegExp(`^\\| \`dist/${file.replaceAll('.', '\\.')}\`[^\\n]*?\\*\\*([\\d.]+) kB\\*\\*`, 'm'))
  if (!stated) throw new Error(`README.md must state the size of dist/${file} in its size table, as "| \`dist/${file}\` … | **N kB** |"`)
  if (Math.abs(Number(stated[1]) * 1000 - size) > 150) {
    console.error(`README.md says dist/${file} is ${stated[1]} kB; it is ${(size / 1000).toFixed(2)} kB. Update the README.`)
    process.exit(1)
  }
}
