import type { Server } from 'node:http'
import pino, { type Logger } from 'pino'
import { fileRoutes } from './files/file-routes'
import { healthRoutes } from './health/health-routes'
import type { Hook } from './hooks/hook'
import { hooksRoutes } from './hooks/hooks-routes'
import { createRateLimit, type RateLimit } from './http/create-rate-limit'
import { json } from './http/reply'
import type { Routes } from './http/route'
import { serve, type Handler } from './http/serve'
import { ingestRoutes } from './ingest/ingest-routes'
import { linkRoutes } from './link/link-routes'
import { resultsRoutes } from './results/results-routes'
import type { Store } from './store/store'

export interface CollectorOptions {
  store: Store
  /** The project folder: the bundles come from `dist/`, the dashboard from `collector/dashboard/` and `build/`. */
  root: string
  /** `DASHBOARD_TOKEN`: reading the results needs it as `Authorization: Bearer …`. */
  dashboardToken: string
  /** Origins allowed to post answers besides the collector's own; `['*']` allows any. */
  allowedOrigins?: string[]
  /** Posts to `/api/answers` per client address and minute (createRateLimit); none when absent. */
  rateLimit?: RateLimit
  /** `TRUST_PROXY`: how many proxies in front append to X-Forwarded-For; 0 believes none. */
  trustedHops?: number
  /** The surveys served at `GET /surveys.json` and as link surveys (read from surveys.json at start). */
  surveys?: unknown[]
  /** `LINK_SECRET`: link surveys need a `sig` made with it. */
  linkSecret?: string
  /** The hooks of WEBHOOKS_FILE, for `GET /api/hooks` (their deliveries are in `store.hooks`). */
  hooks?: Hook[]
  /** One line per request (pino); silent when absent. */
  logger?: Logger
  /** How long a client may take to send its headers, and its whole request (ms). */
  timeouts?: { headers: number; request: number }
}

/**
 * The collector's routes, by concern: answering (public), reading the results
 * (with the token), link surveys, files, and health. Whatever matches none is a
 * 404 (405 for a method that no route takes).
 */
export const createCollectorHandler = ({
  store,
  root,
  dashboardToken,
  allowedOrigins = [],
  rateLimit = createRateLimit({ limit: 0 }),
  trustedHops = 0,
  surveys,
  linkSecret,
  hooks = []
}: CollectorOptions): Handler => {
  if (!dashboardToken) throw new Error('createCollector: a dashboardToken is needed, since reading the results needs it')
  const concerns: Routes[] = [
    ingestRoutes({ store, allowedOrigins, rateLimit, trustedHops, surveys }),
    resultsRoutes({ store, dashboardToken }),
    hooksRoutes({ hooks, ledger: store.hooks, dashboardToken }),
    linkRoutes({ root, surveys, linkSecret }),
    fileRoutes({ root }),
    healthRoutes({ store })
  ]
  return async (request, response, target) => {
    const method = request.method ?? 'GET'
    for (const routes of concerns) {
      const route = routes(method, target.path)
      if (route) return await route(request, response, target)
    }
    if (method === 'GET' || method === 'HEAD') return json(response, 404, { error: 'not found' })
    json(response, 405, { error: 'method not allowed' })
  }
}

/**
 * The reference collector as a server: `npm start` runs it (collector/main.ts);
 * the demo wraps the same handler from outside (demo/server/).
 */
export const createCollector = (options: CollectorOptions): Server =>
  serve(createCollectorHandler(options), { logger: options.logger ?? pino({ enabled: false }), timeouts: options.timeouts })
