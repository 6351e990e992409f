import { json } from '../http/reply'
import { exactRoutes, type Routes } from '../http/route'
import { bearerToken } from '../results/bearer-token'
import type { Hook, HookLedger } from './hook'

export interface HooksRoutesOptions {
  hooks: Hook[]
  /** Absent when there are no hooks (the store was opened without them). */
  ledger?: HookLedger
  dashboardToken: string
}

// A long path segment is a credential in most hook addresses (Slack's, Discord's token): shown cut.
const LONG_SEGMENT = 16

/** The hook's address as the dashboard shows it: no user, password or query, long segments cut. */
export const shownUrl = (url: string) => {
  const { origin, pathname } = new URL(url)
  const path = pathname
    .split('/')
    .map((segment) => (segment.length >= LONG_SEGMENT ? `${segment.slice(0, 4)}…` : segment))
    .join('/')
  return `${origin}${path}`
}

/**
 * `GET /api/hooks`, behind the dashboard token like the other reads: each hook of
 * WEBHOOKS_FILE (never its secret) with its deliveries — delivered, pending, failing,
 * given up — and its last error and when.
 */
export const hooksRoutes = ({ hooks, ledger, dashboardToken }: HooksRoutesOptions): Routes => {
  const authorized = bearerToken(dashboardToken)
  return exactRoutes({
    'GET /api/hooks': async (request, response) => {
      if (!authorized(request)) {
        return json(response, 401, { error: 'reading the hooks needs the dashboard token: Authorization: Bearer <DASHBOARD_TOKEN>' }, { 'WWW-Authenticate': 'Bearer' })
      }
      const counts = (await ledger?.counts()) ?? []
      json(response, 200, {
        hooks: hooks.map((hook, index) => {
          const { hookIndex: _index, ...count } = counts.find((candidate) => candidate.hookIndex === index) ?? { hookIndex: index, delivered: 0, pending: 0, failing: 0, givenUp: 0 }
          return { index, url: shownUrl(hook.url), format: hook.format, signed: !!hook.secret, when: hook.when ?? {}, ...count }
        })
      })
    }
  })
}
