import { json } from '../http/reply'
import { exactRoutes, type Routes } from '../http/route'
import type { Store } from '../store/store'
import { RETRY_AFTER_SECONDS } from '../http/serve'

/**
 * For a load balancer or an orchestrator: `/healthz` answers while the process
 * does (restart it when it stops); `/readyz` answers 200 only while the database
 * does (send it no traffic meanwhile). Neither says more than that.
 */
export const healthRoutes = ({ store }: { store: Store }): Routes =>
  exactRoutes({
    'GET /healthz': (_request, response) => json(response, 200, { ok: true }),
    'GET /readyz': async (_request, response) =>
      (await store.ready())
        ? json(response, 200, { ok: true })
        : json(response, 503, { ok: false, error: 'the database is unreachable' }, { 'Retry-After': String(RETRY_AFTER_SECONDS) })
  })
