// The sayso:parts and sayso:languages modules, made from src/parts.json. Each build picks
// how a part or a language is fetched:
// - `chunks` (npm, the one-file build, the unit tests): `import('src/ui/index.ts')`, which a
//   bundler splits off as a chunk (or, in the one-file build, inlines);
// - `beside` (the script-tag builds): `import('<file beside the running script>')`, the file
//   named with its content hash by the build that made it.
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'

export const root = resolve(import.meta.dirname, '..')
export const manifest = JSON.parse(readFileSync(resolve(root, 'src/parts.json'), 'utf8'))

const at = (path) => JSON.stringify(resolve(root, path))

/**
 * @param {{ parts: 'chunks' | 'beside', languages: 'chunks' | 'beside', files?: () => Record<string, string> }} how
 *   `files` gives the built file of each part (`ui`) and language (`i18n/pl`), for `beside`.
 */
export const partsPlugin = (how) => {
  const file = (name) => {
    const built = how.files?.()[name]
    if (!built) throw new Error(`sayso:parts: ${name} has not been built yet (rollup.config.mjs builds the parts before the script-tag files)`)
    return JSON.stringify(built)
  }
  const beside = `import { importBeside } from ${at('src/import-beside.ts')}\n`
  const modules = {
    'sayso:parts': () => {
      const entries = Object.entries(manifest.parts)
      if (how.parts === 'chunks') {
        return `const importers = {\n${entries.map(([name, part]) => `  ${name}: () => import(${at(part.entry)})`).join(',\n')}\n}\nexport const importPart = (name) => importers[name]()\n`
      }
      return `${beside}const files = {\n${entries.map(([name]) => `  ${name}: ${file(name)}`).join(',\n')}\n}\nexport const importPart = (name) => importBeside(files[name])\n`
    },
    'sayso:languages': () => {
      const { folder, names } = manifest.languages
      const list = `export const languages = ${JSON.stringify(['en', ...names])}\n`
      if (how.languages === 'chunks') {
        return `${list}const importers = {\n${names.map((name) => `  ${name}: () => import(${at(`${folder}/${name}.ts`)})`).join(',\n')}\n}\nexport const importLanguage = (name) => importers[name]()\n`
      }
      return `${beside}${list}const files = {\n${names.map((name) => `  ${name}: ${file(`i18n/${name}`)}`).join(',\n')}\n}\nexport const importLanguage = (name) => importBeside(files[name])\n`
    }
  }
  return {
    name: 'sayso-parts',
    resolveId: (id) => (id in modules ? `\0${id}` : null),
    load: (id) => (id.startsWith('\0') && id.slice(1) in modules ? modules[id.slice(1)]() : null)
  }
}
