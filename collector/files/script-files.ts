import { readFile } from 'node:fs/promises'
import { join } from 'node:path'

/** How long a browser may keep `sayso.js` and `sayso.full.js` before asking again: a release reaches visitors within it. */
export const SCRIPT_MAX_AGE = 300

export interface ScriptFile {
  body: Buffer
  headers: Record<string, string>
}

/**
 * sayso's own script files, as the build listed them in dist/manifest.json (from
 * src/parts.json): `sayso.js` and `sayso.full.js` under their names, kept for a few minutes;
 * the parts and languages under names with their content hash, kept for a year. Every one
 * with `Access-Control-Allow-Origin: *`, which the parts need when sayso is served from
 * another origin than the page (they are module scripts, fetched in CORS mode).
 */
export const createScriptFiles = (dist: string) => {
  // Read at the first request, and again when the build wrote new files.
  let known: { at: number; files: Map<string, boolean> } | undefined
  const files = async () => {
    const text = await readFile(join(dist, 'manifest.json'), 'utf8').catch(() => undefined)
    if (!text) return new Map<string, boolean>()
    const manifest = JSON.parse(text) as { builds: Record<string, unknown>; built: Record<string, string> }
    // true: named by its content, so that it never changes.
    return new Map<string, boolean>([
      ...Object.keys(manifest.builds).map((name) => [name, false] as const),
      ...Object.values(manifest.built).map((name) => [name, true] as const)
    ])
  }
  return async (path: string): Promise<ScriptFile | undefined> => {
    const name = path.replace(/^\//, '').replace(/\.map$/, '')
    if (!known || Date.now() - known.at > 1000) known = { at: Date.now(), files: await files() }
    const immutable = known.files.get(name)
    if (immutable === undefined) return undefined
    const body = await readFile(join(dist, path)).catch(() => undefined)
    if (!body) return undefined
    return {
      body,
      headers: {
        'Content-Type': path.endsWith('.map') ? 'application/json; charset=utf-8' : 'text/javascript; charset=utf-8',
        'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : `public, max-age=${SCRIPT_MAX_AGE}`,
        'Access-Control-Allow-Origin': '*'
      }
    }
  }
}
