import { createHash } from 'node:crypto'
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import nodeResolve from '@rollup/plugin-node-resolve'
import replace from '@rollup/plugin-replace'
import terser from '@rollup/plugin-terser'
import typescript from '@rollup/plugin-typescript'
import { dts } from 'rollup-plugin-dts'
import { manifest, partsPlugin } from './scripts/parts-plugin.mjs'

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

// The builds run in this file's order (the rollup CLI builds an array of configurations one
// after another): the languages and the parts first, so that the files importing them know
// their names. `built` maps `ui` and `i18n/pl` to `sayso.ui.<hash>.js` and `i18n/pl.<hash>.js`.
const built = {}
const record = (name) => ({
  name: 'record-file',
  generateBundle(_options, bundle) {
    for (const output of Object.values(bundle)) if (output.type === 'chunk' && output.isEntry) built[name ?? `i18n/${output.name}`] = output.fileName
  }
})

// Prints the Subresource Integrity hash of each script-tag file and keeps them in dist/sri.json,
// for <script integrity="…" crossorigin="anonymous">; dist/manifest.json lists every built file.
const hashes = {}
const integrity = () => ({
  name: 'integrity',
  writeBundle(_options, bundle) {
    for (const [name, output] of Object.entries(bundle)) {
      if (output.type !== 'chunk') continue
      hashes[name] = `sha384-${createHash('sha384').update(output.code).digest('base64')}`
      console.log(`${name}  integrity="${hashes[name]}"`)
    }
    writeFileSync('dist/sri.json', JSON.stringify(hashes, null, 2) + '\n')
    writeFileSync('dist/manifest.json', JSON.stringify({ version, ...manifest, built }, null, 2) + '\n')
    writePreloadLinks()
  }
})

// dist/preload.html: for a page whose survey shows on page view, the links that fetch the parts
// it will need together with sayso.js instead of after it has run (one round trip sooner; the
// README's "A survey on page view"). The hrefs are as the files are served from the site's root.
const writePreloadLinks = () => {
  const parts = ['ui', 'outbox'].map((name) => built[name]).filter(Boolean)
  if (!parts.length) return
  const links = parts.map((file) => `<link rel="modulepreload" href="/${file}">`)
  // fetchpriority="high": Chromium serves a low-priority request (an async script) after higher
  // ones (these links), over HTTP/1.1 and HTTP/2 alike, and sayso.js would arrive last.
  const note = `<!-- sayso ${version}: beside <script async fetchpriority="high" src="/sayso.js"> on a page whose survey shows on page view; put the folder sayso.js is served from in front of each name. -->`
  writeFileSync('dist/preload.html', [note, ...links].join('\n') + '\n')
}

// Outside a build (scripts/size-report.mjs reading this file), the names of the last build.
const builtFiles = () => (Object.keys(built).length ? built : JSON.parse(readFileSync('dist/manifest.json', 'utf8')).built)

const plugins = (production, parts) => [
  partsPlugin({ ...parts, files: builtFiles }),
  inlineCss(),
  replace({
    preventAssignment: true,
    values: { __SAYSO_VERSION__: JSON.stringify(version), 'process.env.NODE_ENV': JSON.stringify('production') }
  }),
  nodeResolve({ browser: true }),
  typescript({ tsconfig: './tsconfig.json', noEmit: false, declaration: false, outDir: undefined }),
  production && terser({ compress: { passes: 2 }, format: { comments: /^# allFunctionsCalledOnLoad/ } })
]

// V8's explicit compile hint: every function of a file that carries it is compiled while the file
// is parsed, off the main thread, rather than on its first call — sayso's functions all run on the
// way to a survey on screen (call → visible 23 → 17 ms in npm run bench). Other engines ignore it.
const compileEagerly = '//# allFunctionsCalledOnLoad'
// The script-tag files import their parts and languages from beside themselves.
const beside = { parts: 'beside', languages: 'beside' }

// In the script-tag builds (classic scripts), `import.meta.url` is the address of the script,
// read while it runs: afterwards `document.currentScript` is gone.
const scriptUrl = {
  intro: 'var scriptUrl = document.currentScript?.src || document.baseURI;',
  plugin: { name: 'script-url', resolveImportMeta: (property, { format }) => (format === 'iife' && property === 'url' ? 'scriptUrl' : null) }
}

// The npm build's lazy parts, each a chunk in a folder of its own (`ui/ui.js`).
const partOf = (id) => Object.entries(manifest.parts).find(([, part]) => id === resolve(part.entry))?.[0]

const external = (id) => Object.keys(dependencies ?? {}).some((name) => id === name || id.startsWith(`${name}/`))

export default [
  {
    // Each language other than English, as a module of its own beside the script files.
    input: Object.fromEntries(manifest.languages.names.map((name) => [name, `${manifest.languages.folder}/${name}.ts`])),
    output: { dir: 'dist', format: 'es', entryFileNames: 'i18n/[name].[hash].js', hashCharacters: 'hex' },
    plugins: [{ name: 'clean', buildStart: () => rmSync('dist', { recursive: true, force: true }) }, ...plugins(true, beside), record()]
  },
  // The parts of the script-tag build, each loaded when a page view needs it (src/parts.json).
  ...Object.entries(manifest.parts).map(([name, part]) => ({
    input: { [name]: part.entry },
    output: { dir: 'dist', format: 'es', sourcemap: true, entryFileNames: 'sayso.[name].[hash].js', hashCharacters: 'hex', banner: compileEagerly },
    plugins: [...plugins(true, beside), record(name)]
  })),
  {
    // The script-tag build: what every page view runs; it imports its parts from beside itself.
    input: 'src/global.ts',
    output: { file: 'dist/sayso.js', format: 'iife', sourcemap: true, intro: scriptUrl.intro, banner: compileEagerly },
    plugins: [scriptUrl.plugin, ...plugins(true, beside), integrity()]
  },
  {
    // The same in one file: every part inlined; the languages other than English still beside it.
    input: 'src/global.ts',
    output: { file: 'dist/sayso.full.js', format: 'iife', sourcemap: true, inlineDynamicImports: true, intro: scriptUrl.intro, banner: compileEagerly },
    plugins: [scriptUrl.plugin, ...plugins(true, { parts: 'chunks', languages: 'beside' }), integrity()]
  },
  {
    // npm: ES modules and CommonJS, each part and each language a chunk the app's bundler splits off.
    input: 'src/index.ts',
    external,
    // The chunks import what they share with the entry from it, rather than from a third file.
    preserveEntrySignatures: 'allow-extension',
    // Not the note on how small chunks were merged.
    logLevel: 'warn',
    output: ['js', 'cjs'].map((extension) => ({
      dir: 'dist',
      entryFileNames: `index.${extension}`,
      chunkFileNames: ({ facadeModuleId, name }) => {
        const part = partOf(facadeModuleId)
        const language = facadeModuleId?.startsWith(resolve(manifest.languages.folder))
        return `${part ? `${part}/${part}` : language ? `i18n/${name}` : `shared/${name}`}.${extension}`
      },
      // The transports are the public API and the outbox's: a chunk of their own, so that an app
      // that imports only init() loads them with the outbox, not with the page.
      manualChunks: (id) => (id.includes('/src/transport/') ? 'transport' : undefined),
      format: extension === 'js' ? 'es' : 'cjs',
      sourcemap: true
    })),
    plugins: plugins(false, { parts: 'chunks', languages: 'chunks' })
  },
  {
    // The collector's dashboard: built here, so that whoever runs the collector needs no build step.
    input: 'collector/dashboard/app.tsx',
    output: { file: 'build/dashboard/dashboard.js', format: 'es' },
    plugins: [
      // nanostores checks process.env.NODE_ENV, which no browser has.
      replace({ preventAssignment: true, values: { 'process.env.NODE_ENV': JSON.stringify('production') } }),
      nodeResolve({ browser: true }),
      typescript({ tsconfig: './tsconfig.node.json', noEmit: false, declaration: false, outDir: undefined }),
      terser()
    ]
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
