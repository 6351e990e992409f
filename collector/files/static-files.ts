import { readFile } from 'node:fs/promises'
import { extname, join, normalize, sep } from 'node:path'

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.ts': 'text/plain; charset=utf-8'
}

/** A file below `root` for a (decoded) URL path, or undefined; `..` never leaves the root. */
export const readStatic = async (root: string, urlPath: string): Promise<{ body: Buffer; type: string } | undefined> => {
  const file = normalize(join(root, urlPath))
  if (file !== root && !file.startsWith(root.endsWith(sep) ? root : root + sep)) return undefined
  try {
    return { body: await readFile(file), type: types[extname(file)] ?? 'application/octet-stream' }
  } catch {
    return undefined
  }
}
