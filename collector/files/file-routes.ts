import { join } from 'node:path'
import { json, STRICT_CSP } from '../http/reply'
import type { Route, Routes } from '../http/route'
import { createScriptFiles } from './script-files'
import { readStatic } from './static-files'

/**
 * The files the collector serves: sayso's script files (as the build's manifest
 * lists them) and the dashboard, whose page and code hold no results: its data
 * comes from the results routes, with the token.
 */
export const fileRoutes = ({ root }: { root: string }): Routes => {
  const scriptFiles = createScriptFiles(join(root, 'dist'))
  const script: Route = async (_request, response, { path }) => {
    const file = await scriptFiles(path)
    if (!file) return json(response, 404, { error: 'not found' })
    response.writeHead(200, file.headers)
    response.end(file.body)
  }
  const file =
    (folder: string, name: (path: string) => string, headers: Record<string, string> = {}): Route =>
    async (_request, response, { path }) => {
      const found = await readStatic(join(root, folder), name(path))
      if (!found) return json(response, 404, { error: 'not found' })
      response.writeHead(200, { 'Content-Type': found.type, 'Cache-Control': 'no-cache', ...headers })
      response.end(found.body)
    }
  const dashboardPage = file('collector/dashboard', () => 'dashboard.html', { 'Content-Security-Policy': STRICT_CSP })
  const dashboardStyles = file('collector/dashboard', () => 'dashboard.css')
  // Built by `npm run build` from collector/dashboard/app.tsx.
  const dashboardApp = file('build/dashboard', (path) => path.slice('/dashboard/app/'.length))

  return (method, path) => {
    if (method !== 'GET' && method !== 'HEAD') return undefined
    if (path === '/dashboard' || path === '/dashboard/') return dashboardPage
    if (path === '/dashboard/dashboard.css') return dashboardStyles
    if (path.startsWith('/dashboard/app/')) return dashboardApp
    if (/\.js(\.map)?$/.test(path)) return script
    return undefined
  }
}
