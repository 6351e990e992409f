import { join } from 'node:path'
import { readStatic } from '../../collector/files/static-files'
import { json, STRICT_CSP } from '../../collector/http/reply'
import type { Route, Routes } from '../../collector/http/route'

const pages: Record<string, { file: string; headers?: Record<string, string> }> = {
  '/': { file: 'index.html' },
  '/zero-code': { file: 'zero-code.html' },
  '/strict-csp': { file: 'strict-csp.html', headers: { 'Content-Security-Policy': STRICT_CSP } },
  '/hostile-css': { file: 'hostile-css.html' }
}

// URL prefixes served from folders of the project.
const folders: [prefix: string, folder: string][] = [
  ['/demo/', 'demo'],
  ['/examples/', 'build/examples'],
  ['/dist/', 'dist']
]

/**
 * The demo's pages: the storefront, the zero-code, strict-CSP and hostile-CSS
 * pages, the single-page app (every route of its own answers with the same page),
 * and the framework examples built into build/examples/.
 */
export const demoRoutes = (root: string): Routes => {
  const send = async (response: Parameters<Route>[1], folder: string, file: string, headers: Record<string, string> = {}) => {
    const found = await readStatic(join(root, folder), file)
    if (!found) return json(response, 404, { error: 'not found' })
    response.writeHead(200, { 'Content-Type': found.type, 'Cache-Control': 'no-cache', ...headers })
    response.end(found.body)
  }
  return (method, path) => {
    if (method !== 'GET' && method !== 'HEAD') return undefined
    const page = pages[path]
    if (page) return (_request, response) => send(response, 'demo', page.file, page.headers)
    if (path === '/spa' || path.startsWith('/spa/')) return (_request, response) => send(response, 'demo', 'spa.html')
    const folder = folders.find(([prefix]) => path.startsWith(prefix))
    if (!folder) return undefined
    const [prefix, where] = folder
    return (_request, response) => send(response, where, path.slice(prefix.length).replace(/(^|\/)$/, '$1index.html'))
  }
}
