import type { Logger } from 'pino'
import type { ClaimedDelivery, Hook, HookLedger, SurveyInfo } from './hook'
import { hookBody } from './hook-body'
import { BACKOFF, nextAttempt, type Backoff } from './next-attempt'
import { postHook } from './post-hook'

export interface HookWorkerOptions {
  hooks: Hook[]
  ledger: HookLedger
  /** The surveys of surveys.json, for the `json` format's `survey`. */
  surveys?: unknown[]
  backoff?: Backoff
  /** How long one request may take (10 s): a receiver that hangs holds one slot that long, no more. */
  timeoutMs?: number
  /** Requests under way at once. */
  concurrency?: number
  /** Where failures are told; silent when absent. */
  logger?: Pick<Logger, 'warn'>
}

/** After a failed look at the database (it is away), the next look. */
const DATABASE_RETRY_MS = 5000
// setTimeout takes at most 2^31 − 1 ms.
const LONGEST_TIMER_MS = 2 ** 31 - 1

const surveyInfo = (surveys: unknown[], id: string): SurveyInfo | undefined => {
  const found = surveys.find((survey) => (survey as SurveyInfo).id === id) as SurveyInfo | undefined
  if (!found) return undefined
  const { type, question, subject, task } = found
  return { id, type, ...(question && { question }), ...(subject && { subject }), ...(task && { task }) }
}

/**
 * Delivers the hook deliveries the ledger holds: woken when deliveries are recorded (by
 * this collector or, on PostgreSQL, another one), and by a timer set for the next due time
 * only — it never polls. Each delivery is claimed with a lease before it is posted, so that
 * no other worker posts it meanwhile; a worker that dies leaves it to the next once the
 * lease runs out (at least once). `close()` aborts the requests under way and hands their
 * claims back.
 */
export const createHookWorker = ({ hooks, ledger, surveys = [], backoff = BACKOFF, timeoutMs = 10_000, concurrency = 8, logger }: HookWorkerOptions) => {
  // Long enough for a try and the write of its outcome; past it, another worker may try.
  const leaseMs = 2 * timeoutMs + 5000
  const stop = new AbortController()
  const inFlight = new Set<Promise<void>>()
  let state: 'running' | 'closed' = 'running'
  let passing: Promise<void> | undefined
  let wokenWhilePassing = false
  let timer: NodeJS.Timeout | undefined
  /** When the timer fires (ms since 1970); undefined when none is set. */
  let timerAt: number | undefined
  /** The last look found every slot taken or filled them: more may be due than were claimed. */
  let slotsFull = false

  /** Posts one delivery and records how it went; a failure's next try, when there is one. */
  const outcome = async (delivery: ClaimedDelivery): Promise<number | undefined> => {
    const hook = hooks[delivery.hookIndex]
    if (!hook || hook.url !== delivery.hookUrl) {
      await ledger.failed(delivery, `hook ${delivery.hookIndex} is no longer ${delivery.hookUrl} in WEBHOOKS_FILE`, Date.now(), undefined)
      return undefined
    }
    const body = hookBody(hook, delivery.answer, surveyInfo(surveys, delivery.answer.surveyId))
    const idempotencyKey = `${delivery.answer.id}:${delivery.hookIndex}`
    const result = await postHook(hook.url, body, { idempotencyKey, secret: hook.secret, timeoutMs, stop: stop.signal })
    const now = Date.now()
    if (result.outcome === 'delivered') {
      await ledger.delivered(delivery, now)
      return undefined
    }
    if (result.outcome === 'stopped') {
      await ledger.release(delivery)
      return undefined
    }
    const retryAt = nextAttempt(backoff, delivery.attempts + 1, delivery.firstTriedAt, now, result.retryAfterMs)
    if (retryAt === undefined) logger?.warn({ hook: delivery.hookIndex, error: result.error }, `a hook delivery failed for ${backoff.giveUpMs / 3_600_000} h: given up`)
    await ledger.failed(delivery, result.error, now, retryAt)
    return retryAt
  }

  // A delivery that ends looks at the database again only when more may be waiting for its
  // slot; a failure's next try only moves the timer forward.
  const deliver = (delivery: ClaimedDelivery) => {
    const running = outcome(delivery)
      // Its outcome not written, the lease runs out and the delivery is tried again.
      .catch((error: Error) => {
        logger?.warn({ error: { message: error.message } }, 'could not record a hook delivery’s outcome')
        return undefined
      })
      .then((retryAt) => {
        inFlight.delete(running)
        if (slotsFull) wake()
        else if (retryAt !== undefined) wakeAt(retryAt)
      })
    inFlight.add(running)
  }

  const wakeAt = (at: number) => {
    if (state === 'closed' || (timerAt !== undefined && timerAt <= at)) return
    clearTimeout(timer)
    timerAt = at
    timer = setTimeout(wake, Math.min(Math.max(at - Date.now(), 0), LONGEST_TIMER_MS))
  }

  const pass = async () => {
    clearTimeout(timer)
    timerAt = undefined
    const free = concurrency - inFlight.size
    slotsFull = free <= 0
    // Every slot busy: a delivery that ends wakes the worker.
    if (slotsFull) return
    const claimed = await ledger.claim(free, Date.now(), leaseMs)
    slotsFull = claimed.length === free
    for (const delivery of claimed) deliver(delivery)
    if (slotsFull) {
      // More may be due: look again at once.
      wokenWhilePassing = true
      return
    }
    const next = await ledger.nextDue()
    if (next !== undefined) wakeAt(next)
  }

  function wake() {
    if (state === 'closed') return
    if (passing) {
      wokenWhilePassing = true
      return
    }
    passing = pass()
      .catch((error: Error) => {
        logger?.warn({ error: { message: error.message } }, 'could not read the hook deliveries; trying again in 5 s')
        wakeAt(Date.now() + DATABASE_RETRY_MS)
      })
      .finally(() => {
        passing = undefined
        if (wokenWhilePassing) {
          wokenWhilePassing = false
          wake()
        }
      })
  }

  const unbind = ledger.onRecorded(wake)
  // What an earlier run left (a restart): due now, or at its time.
  wake()

  return {
    /** Stops: no new tries; the requests under way are aborted and their deliveries handed back. */
    async close() {
      state = 'closed'
      unbind()
      clearTimeout(timer)
      stop.abort()
      await passing
      await Promise.all(inFlight)
    }
  }
}

export type HookWorker = ReturnType<typeof createHookWorker>
