import { createHash } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import nodeResolve from '@rollup/plugin-node-resolve'
import replace from '@rollup/plugin-replace'
import terser from '@rollup/plugin-terser'
import typescript from '@rollup/plugin-typescript'
import { dts } from 'rollup-plugin-dts'

const { version, dependencies } = JSON.parse(readFileSync('package.json', 'utf8'))

// `import css from './styles.css?inline'` gives the file's text, as Vite does in the tests.
const inlineCss = () => ({
  name: 'inline-css',
  resolveId: (source, importer) =>
    source.endsWith('.css?inline') && importer ? resolve(dirname(importer), source) : null,
  load(id) {
    if (!id.endsWith('.css?inline')) return null
    const css = readFileSync(id.slice(0, -'?inline'.length), 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\s+/g, ' ')
      .replace(/\s*([{};,>~])\s*/g, '$1')
      .replace(/:\s+/g, ':')
      .replace(/\s+!important/g, '!important')
      .replace(/;}/g, '}')
      .trim()
    return `export default ${JSON.stringify(css)}`
  }
})

// The script-tag builds load languages, and the core build its survey-drawing part, from
// beside the script itself rather than as chunks of a bundler.
const beside = (...modules) => ({
  name: 'load-beside',
  resolveId: (source, importer) =>
    modules.includes(source) && importer?.includes('/src/') ? resolve(dirname(importer), `${source}-beside.ts`) : null
})

// Prints the Subresource Integrity hash of each script-tag file and keeps them in dist/sri.json,
// for <script integrity="…" crossorigin="anonymous">.
const hashes = {}
const integrity = () => ({
  name: 'integrity',
  writeBundle(options, bundle) {
    for (const [name, output] of Object.entries(bundle)) {
      if (output.type !== 'chunk') continue
      hashes[name] = `sha384-${createHash('sha384').update(output.code).digest('base64')}`
      console.log(`${name}  integrity="${hashes[name]}"`)
    }
    writeFileSync('dist/sri.json', JSON.stringify(hashes, null, 2) + '\n')
  }
})

const plugins = (production) => [
  inlineCss(),
  replace({
    preventAssignment: true,
    values: { __SAYSO_VERSION__: JSON.stringify(version), 'process.env.NODE_ENV': JSON.stringify('production') }
  }),
  nodeResolve({ browser: true }),
  typescript({ tsconfig: './tsconfig.json', noEmit: false, declaration: false, outDir: undefined }),
  production && terser({ compress: { passes: 2 }, format: { comments: false } })
]

// The npm build's lazy parts, each a chunk in a folder of its own.
const parts = { '/src/ui/index.ts': 'ui/ui', '/src/queue/index.ts': 'send/send', '/src/config/load-remote-surveys.ts': 'remote/remote' }
const partOf = (id) => Object.entries(parts).find(([end]) => id?.endsWith(end))?.[1]

const external = (id) => Object.keys(dependencies).some((name) => id === name || id.startsWith(`${name}/`))

export default [
  {
    // The one-file script-tag build: everything but the languages other than English.
    input: 'src/global.ts',
    output: { file: 'dist/sayso.js', format: 'iife', sourcemap: true, inlineDynamicImports: true },
    plugins: [beside('./load-texts'), ...plugins(true), integrity()]
  },
  {
    // The script-tag core: what every page view runs; it loads sayso.ui.js when a survey is on its way.
    input: 'src/global.ts',
    output: { file: 'dist/sayso.core.js', format: 'iife', sourcemap: true },
    plugins: [beside('./parts'), ...plugins(true), integrity()]
  },
  {
    // The sending part of the core build: the outbox, its storage and the fetch transport, loaded
    // when a survey is on its way or answers from an earlier page view wait.
    input: 'src/queue/index.ts',
    output: { file: 'dist/sayso.send.js', format: 'es', sourcemap: true },
    plugins: plugins(true)
  },
  {
    // The part of the core build that fetches surveys from `configUrl`.
    input: 'src/config/load-remote-surveys.ts',
    output: { file: 'dist/sayso.remote.js', format: 'es', sourcemap: true },
    plugins: plugins(true)
  },
  {
    // The survey-drawing part of the core build: Preact, the components, the styles, English.
    input: 'src/ui/index.ts',
    output: { file: 'dist/sayso.ui.js', format: 'es', sourcemap: true },
    plugins: [beside('./load-texts'), ...plugins(true)]
  },
  {
    // Each language is a chunk of its own in dist/i18n/: ES modules that the script-tag
    // build imports from beside itself, and that npm users' bundlers split off.
    input: 'src/index.ts',
    external,
    // The chunks import what they share with the entry from it, rather than from a third file.
    preserveEntrySignatures: 'allow-extension',
    // Not the note on how small chunks were merged.
    logLevel: 'warn',
    output: ['js', 'cjs'].map((extension) => ({
      dir: 'dist',
      entryFileNames: `index.${extension}`,
      chunkFileNames: ({ facadeModuleId, name }) => `${partOf(facadeModuleId) ?? `i18n/${name}`}.${extension}`,
      format: extension === 'js' ? 'es' : 'cjs',
      sourcemap: true,
      // What the lazy parts share (a few constants) goes into the entry, not into a chunk of its own.
      experimentalMinChunkSize: 100
    })),
    plugins: plugins(false)
  },
  {
    // The collector's dashboard: built here, so that whoever runs the collector needs no build step.
    input: 'collector/dashboard/app.tsx',
    output: { file: 'build/dashboard/dashboard.js', format: 'es' },
    plugins: [nodeResolve({ browser: true }), typescript({ tsconfig: './tsconfig.node.json', noEmit: false, declaration: false, outDir: undefined }), terser()]
  },
  {
    input: 'src/index.ts',
    output: [
      { file: 'dist/index.d.ts', format: 'es' },
      { file: 'dist/index.d.cts', format: 'es' }
    ],
    plugins: [dts({ tsconfig: './tsconfig.json' })]
  }
]
