import { randomBytes } from 'node:crypto'
import type { Server } from 'node:http'
import pino from 'pino'
import { MAX_BODY_BYTES } from '../../src/wire/limits'
import { createCollectorHandler, type CollectorOptions } from '../../collector/create-collector'
import { createOrigins } from '../../collector/ingest/create-origins'
import { BodyTooLarge, readBody } from '../../collector/http/read-body'
import { json } from '../../collector/http/reply'
import { exactRoutes, type Route } from '../../collector/http/route'
import { serve } from '../../collector/http/serve'
import { createTrouble, type LoggedRequest, type Trouble } from './create-trouble'
import { demoRoutes } from './demo-routes'
import { replayRequest } from './replay-request'

export interface DemoOptions extends Omit<CollectorOptions, 'dashboardToken'> {
  /** The demo hands it to the collector for every reader; one is made when absent. */
  dashboardToken?: string
  /** The network trouble switch and its log of every `POST /api/answers`. */
  trouble?: Trouble
}

// Batches are read whole to log their ids; the collector itself refuses over MAX_BODY_BYTES.
const DEMO_BODY_LIMIT = 4 * MAX_BODY_BYTES

const idsIn = (body: string): string[] => {
  try {
    const { answers } = JSON.parse(body)
    return Array.isArray(answers) ? answers.map((answer) => (typeof answer?.id === 'string' ? answer.id : '')) : []
  } catch {
    return []
  }
}

/**
 * `npm run demo`: the collector, wrapped from outside with what only the demo
 * needs — its pages, the network trouble switch (`GET`/`POST /api/trouble`), which
 * delays or fails `POST /api/answers` before the collector sees it, and open
 * reading (the demo gives every request without a token the collector's token).
 */
export const createDemoServer = ({ trouble = createTrouble(), dashboardToken = randomBytes(24).toString('base64url'), ...options }: DemoOptions): Server => {
  const collector = createCollectorHandler({ ...options, dashboardToken })
  const origins = createOrigins(options.allowedOrigins ?? [])
  const pages = demoRoutes(options.root)

  const troubled: Route = async (request, response, target) => {
    let body: Buffer
    try {
      body = Buffer.from(await readBody(request, DEMO_BODY_LIMIT))
    } catch (error) {
      if (error instanceof BodyTooLarge) return json(response, 413, { error: `the body is over ${MAX_BODY_BYTES} bytes` })
      throw error
    }
    const entry: LoggedRequest = { ids: idsIn(body.toString()), start: Date.now() }
    trouble.log.push(entry)
    response.once('close', () => {
      entry.end = Date.now()
      entry.status = response.statusCode
    })
    const { delayMs } = trouble.get()
    if (delayMs) await new Promise((resume) => setTimeout(resume, delayMs))
    const fault = trouble.decide()
    // Never answered: the client gives up after its own timeout.
    if (fault === 'silent') return
    if (fault) return json(response, fault.status, { error: 'trouble switched on in the demo' }, { ...origins.headers(request), ...fault.headers })
    await collector(replayRequest(request, body), response, target)
  }

  const troubleSwitch = exactRoutes({
    'GET /api/trouble': (_request, response) => json(response, 200, { ...trouble.get(), requests: trouble.log.length }),
    'POST /api/trouble': async (request, response) => {
      let input: unknown
      try {
        input = JSON.parse(await readBody(request, 1024))
      } catch {
        return json(response, 400, { error: 'expected a JSON object' })
      }
      const problems = input && typeof input === 'object' ? trouble.set(input) : ['expected a JSON object']
      json(response, problems.length ? 400 : 200, problems.length ? { error: 'invalid setting', problems } : trouble.get())
    },
    'POST /api/answers': troubled
  })

  return serve(
    async (request, response, target) => {
      // Reading is open in the demo.
      request.headers.authorization ??= `Bearer ${dashboardToken}`
      const route = troubleSwitch(request.method ?? 'GET', target.path) ?? pages(request.method ?? 'GET', target.path)
      await (route ?? collector)(request, response, target)
    },
    { logger: options.logger ?? pino({ enabled: false }), timeouts: options.timeouts }
  )
}
