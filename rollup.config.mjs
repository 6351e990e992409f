import { readFileSync } from 'node:fs'
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

// The script-tag build fetches languages from beside itself rather than from its own chunks.
const textsBesideScript = () => ({
  name: 'texts-beside-script',
  resolveId: (source, importer) =>
    source === './load-texts' && importer?.includes('/src/ui/texts/') ? resolve(dirname(importer), 'load-texts-beside.ts') : null
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

const external = (id) => Object.keys(dependencies).some((name) => id === name || id.startsWith(`${name}/`))

export default [
  {
    input: 'src/global.ts',
    output: { file: 'dist/sayso.js', format: 'iife', sourcemap: true },
    plugins: [textsBesideScript(), ...plugins(true)]
  },
  {
    // Each language is a chunk of its own in dist/i18n/: ES modules that the script-tag
    // build imports from beside itself, and that npm users' bundlers split off.
    input: 'src/index.ts',
    external,
    output: [
      { dir: 'dist', entryFileNames: 'index.js', chunkFileNames: 'i18n/[name].js', format: 'es', sourcemap: true },
      { dir: 'dist', entryFileNames: 'index.cjs', chunkFileNames: 'i18n/[name].cjs', format: 'cjs', sourcemap: true }
    ],
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
    output: { file: 'dist/index.d.ts', format: 'es' },
    plugins: [dts({ tsconfig: './tsconfig.json' })]
  }
]
