import { readFileSync, readdirSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

// docs/README.md's map of the layout, checked: each folder imports only what its row allows,
// and the core never loads the drawing part or the outbox but through loadPart().
const root = resolve(import.meta.dirname, '../..')

const sources = (folder: string): string[] =>
  readdirSync(join(root, folder), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(folder, entry.name)) : /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [join(folder, entry.name)] : []
  )

interface Import {
  from: string
  /** The file imported, relative to the project (`src/wire/limits.ts`), or a package name. */
  target: string
  typeOnly: boolean
}

const importsOf = (file: string): Import[] => {
  const text = readFileSync(join(root, file), 'utf8')
  const found: Import[] = []
  for (const match of text.matchAll(/^(import|export)(\s+type)?[^'"\n]*?from\s+['"]([^'"]+)['"]/gm)) {
    const [, , type, specifier] = match
    found.push({ from: file, target: resolveSpecifier(file, specifier), typeOnly: !!type })
  }
  for (const match of text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)) {
    found.push({ from: file, target: resolveSpecifier(file, match[1]), typeOnly: false })
  }
  return found
}

const resolveSpecifier = (file: string, specifier: string) => {
  if (!specifier.startsWith('.')) return specifier
  const base = relative(root, resolve(root, dirname(file), specifier.replace(/\?.*$/, '')))
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`]) {
    try {
      readFileSync(join(root, candidate))
      return candidate
    } catch {
      // Not this one.
    }
  }
  return base
}

const helpers = ['src/messages.ts', 'src/when.ts', 'src/import-beside.ts', 'src/random-id.ts', 'src/version.ts', 'src/types.ts']
const allowed: Record<string, string[]> = {
  'src/wire/': ['src/wire/'],
  'src/schema/': ['src/schema/', 'src/wire/', 'src/config/problem.ts', 'src/messages.ts', 'src/types.ts'],
  'src/config/': ['src/config/', 'src/wire/', 'src/targeting/matches.ts', 'src/messages.ts', 'src/types.ts'],
  'src/targeting/': ['src/targeting/', 'src/config/', 'src/wire/', 'src/types.ts'],
  'src/triggers/': ['src/triggers/', 'src/config/', 'src/targeting/', 'src/types.ts'],
  'src/ui/': ['src/ui/', 'src/config/', 'src/wire/', 'sayso:languages', ...helpers],
  'src/outbox/': ['src/outbox/', 'src/transport/', 'src/wire/', 'src/config/', ...helpers],
  'src/transport/': ['src/transport/', 'src/wire/', 'src/types.ts']
}
const roomOf = (file: string) => Object.keys(allowed).find((folder) => file.startsWith(folder))
// A package (preact, zod) is no room of ours; `sayso:parts` is the core's own door to the parts.
const isPackage = (target: string) => !target.startsWith('src/') && !target.startsWith('sayso:')

const all = sources('src').flatMap(importsOf)

describe('the layout of docs/README.md', () => {
  it.each(Object.keys(allowed))('%s imports only what its row allows', (folder) => {
    const wrong = all
      .filter((item) => roomOf(item.from) === folder && !isPackage(item.target))
      .filter((item) => !allowed[folder].some((prefix) => item.target.startsWith(prefix)))
    expect(wrong.map((item) => `${item.from} → ${item.target}`)).toEqual([])
  })

  it('the core imports the drawing part and the outbox only as types or through loadPart', () => {
    const core = all.filter((item) => !roomOf(item.from))
    const wrong = core.filter(
      (item) => !item.typeOnly && /^src\/(ui|outbox)\//.test(item.target)
    )
    expect(wrong.map((item) => `${item.from} → ${item.target}`)).toEqual([])
  })

  it('no browser code imports the zod schemas', () => {
    const zod = (target: string) => target === 'zod' || target.startsWith('zod/') || target.startsWith('src/schema/') || target == 'src/wire/answer-schema.ts'
    const wrong = all.filter((item) => zod(item.target) && !item.from.startsWith('src/schema/') && item.from != 'src/wire/answer-schema.ts')
    expect(wrong.map((item) => `${item.from} → ${item.target}`)).toEqual([])
  })

  it('sees the imports it checks', () => {
    // A parser that found nothing would pass every rule above.
    expect(all.filter((item) => item.from === 'src/init.ts').map((item) => item.target)).toContain('src/create-popup.ts')
    expect(all.length).toBeGreaterThan(100)
  })
})
