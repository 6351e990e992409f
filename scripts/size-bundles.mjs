// Bundles what an npm user's app would ship for `import { init } from 'sayso'` with one
// survey type and the fetch transport, so that `npm run size` can check its budget:
// build/size/npm-init.js (what loads with the page) and build/size/npm-ui.js (the part
// their bundler splits off, loaded when a survey is about to show).
import { rmSync } from 'node:fs'
import nodeResolve from '@rollup/plugin-node-resolve'
import replace from '@rollup/plugin-replace'
import terser from '@rollup/plugin-terser'
import { rollup } from 'rollup'

const entry = `import { init } from 'sayso'
init({ endpoint: '/api/answers', surveys: [{ id: 'nps', type: 'nps', trigger: { event: 'checkout_completed' } }] })`

rmSync('build/size', { recursive: true, force: true })
const bundle = await rollup({
  input: 'app',
  plugins: [
    { name: 'app', resolveId: (id) => (id === 'app' ? id : null), load: (id) => (id === 'app' ? entry : null) },
    replace({ preventAssignment: true, values: { 'process.env.NODE_ENV': JSON.stringify('production') } }),
    nodeResolve({ browser: true }),
    terser()
  ],
  onwarn: () => {},
  logLevel: 'silent'
})
await bundle.write({
  dir: 'build/size',
  format: 'es',
  entryFileNames: 'npm-init.js',
  experimentalMinChunkSize: 100,
  chunkFileNames: 'npm-[name].js'
})
