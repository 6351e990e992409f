// The size budgets, from src/parts.json: every script-tag file, what an npm user's app ships
// (bundled by scripts/size-bundles.mjs), and the languages. `npm run size` checks them all.
import { manifest } from './scripts/parts-plugin.mjs'

const { builds, parts, languages } = manifest

export default [
  ...Object.entries(builds).map(([file, build]) => ({ name: `script tag: dist/${file} — ${build.what}`, path: `dist/${file}`, limit: build.budget })),
  ...Object.entries(parts).map(([name, part]) => ({
    name: `script tag: dist/sayso.${name}.<hash>.js — ${part.what}; loaded when ${part.loadedWhen}`,
    path: `dist/sayso.${name}.*.js`,
    limit: part.budget
  })),
  {
    name: "npm: import { init } from 'sayso', one survey type, fetch transport — with the page",
    path: 'build/size/npm-init.js',
    limit: builds['sayso.js'].budget
  },
  ...Object.entries(parts)
    .filter(([, part]) => part.npmBudget)
    .map(([name, part]) => ({ name: `npm: the ${name} part, a chunk the app's bundler splits off`, path: `build/size/npm-${name}.js`, limit: part.npmBudget })),
  { name: `one more language (dist/i18n/pl.<hash>.js) — loaded when ${languages.loadedWhen}`, path: 'dist/i18n/pl.*.js', limit: languages.budget },
  { name: 'all eleven other languages together (never all loaded at once)', path: 'dist/i18n/*.*.js', limit: languages.allBudget }
]
