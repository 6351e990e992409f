// Builds the framework examples into build/examples/ (`npm run build:examples`): React and Vue
// apps, and a server-rendered React page (its client bundle, and its render for Node).
import { resolve } from 'node:path'
import { build } from 'vite'
import { exampleConfig } from './examples.vite'

await build(exampleConfig('react'))
await build(exampleConfig('vue'))
await build(exampleConfig('ssr', { build: { rollupOptions: { input: 'src/client.tsx' }, manifest: true } }))
await build(exampleConfig('ssr', { build: { ssr: 'src/render.tsx', outDir: resolve(import.meta.dirname, '../build/examples/ssr-server') } }))
