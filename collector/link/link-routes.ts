import { join } from 'node:path'
import { readStatic } from '../files/static-files'
import { html, json, STRICT_CSP } from '../http/reply'
import type { Route, Routes } from '../http/route'
import { invalidLinkPage, linkPage } from './link-page'
import { hasValidSignature } from './sign-link'

export interface LinkOptions {
  /** The project folder; the page's own files are in `collector/link/`. */
  root: string
  surveys?: unknown[]
  /** `LINK_SECRET`: when set, a link needs its `sig` (sign-link.ts). */
  linkSecret?: string
}

const assets = new Set(['/link/link.js', '/link/link.css'])

/**
 * Link surveys, for e-mails, SMS and QR codes: `/s/<survey id>` shows one survey
 * of surveys.json on a page of its own; with a link secret, only for a link
 * signed with it (else 403, "This link is not valid").
 */
export const linkRoutes = ({ root, surveys, linkSecret }: LinkOptions): Routes => {
  const page: Route = (_request, response, { path, query }) => {
    const id = path.slice('/s/'.length)
    const survey = surveys?.find((candidate) => (candidate as { id?: unknown }).id === id)
    if (!survey) return json(response, 404, { error: `no survey ${JSON.stringify(id.slice(0, 200))} in surveys.json` })
    if (linkSecret && !hasValidSignature(linkSecret, id, query)) {
      return html(response, 403, invalidLinkPage(), { 'Content-Security-Policy': STRICT_CSP })
    }
    html(response, 200, linkPage(survey), { 'Content-Security-Policy': STRICT_CSP })
  }
  const asset: Route = async (_request, response, { path }) => {
    const file = await readStatic(join(root, 'collector/link'), path.slice('/link/'.length))
    if (!file) return json(response, 404, { error: 'not found' })
    response.writeHead(200, { 'Content-Type': file.type, 'Cache-Control': 'no-cache' })
    response.end(file.body)
  }
  return (method, path) => {
    if (method !== 'GET' && method !== 'HEAD') return undefined
    if (path.startsWith('/s/')) return page
    if (assets.has(path)) return asset
    return undefined
  }
}
