import type { Answer, SaysoError, Transport, TransportResult } from '../types'
import * as messages from '../messages'
import { randomId } from '../random-id'
import { MAX_BATCH } from '../wire/limits'
import type { AnswerStore, Entry } from './create-answer-store'
import * as limit from './limits'

export interface OutboxOptions {
  store: AnswerStore
  transport: Transport
  /**
   * With the built-in fetch transport: `navigator.sendBeacon` to the endpoint, for leaving
   * the page once sayso's keepalive requests in flight reach their budget.
   */
  beacon?: (answers: Answer[]) => boolean
  onSent: (answers: Answer[]) => void
  onError: (error: SaysoError) => void
}

export interface Outbox {
  /** Stores an answer and sends it soon; a newer copy of the same `id` replaces the queued one. */
  push(answer: Answer): void
  /** Sends now; settles when the queue is empty or cannot progress. */
  flush(): Promise<void>
  destroy(): void
}

const rejecting = [400, 413, 422]

/**
 * Keeps answers until the endpoint confirms them (RELIABILITY.md): stored
 * before the first send, removed on a 2xx only; batches, backoff, Retry-After,
 * splitting, bounds and expiry; one tab sending at a time; a last effort with
 * keepalive or a beacon when the page is left.
 */
export const createOutbox = ({ store, transport, beacon, onSent, onError }: OutboxOptions): Outbox => {
  const tab = randomId()
  let timer: ReturnType<typeof setTimeout> | undefined
  let sending = false
  let stopped = false
  let attempt = 0
  let batchLimit = MAX_BATCH
  let pausedUntil = 0
  let keepaliveBytes = 0
  let inFlight: Answer[] = []
  let waiters: (() => void)[] = []

  const settle = () => waiters.splice(0).forEach((resolve) => resolve())
  const drop = (answers: Answer[], reason: SaysoError['reason'], message: string, status?: number) => {
    answers.forEach(store.remove)
    onError({ reason, message, answers, ...(status && { status }) })
  }
  const schedule = (ms: number) => {
    clearTimeout(timer)
    timer = setTimeout(send, Math.max(ms, pausedUntil - Date.now()))
  }

  // Drops what is too old or over the bounds, oldest first; returns the rest.
  const trim = (): Entry[] => {
    const now = Date.now()
    const entries = store.list()
    // A clock set back makes answers look younger, never older: nothing expires by it.
    const old = entries.filter((entry) => now - Date.parse(entry.answer.createdAt) > limit.MAX_AGE_MS)
    if (old.length) drop(old.map((entry) => entry.answer), 'expired', messages.expired(old.length))
    const kept = entries.filter((entry) => !old.includes(entry))
    let bytes = kept.reduce((sum, entry) => sum + limit.byteLength(entry.answer), 0)
    while (kept.length > limit.MAX_COUNT || bytes > limit.MAX_BYTES) {
      const { answer } = kept.shift()!
      bytes -= limit.byteLength(answer)
      drop([answer], 'overflow', messages.overflow())
    }
    return kept
  }

  const elsewhere = (entry: Entry) => !!entry.tab && entry.tab != tab && entry.until! > Date.now()

  const batchesOf = (answers: Answer[], count: number) => {
    const batches: Answer[][] = []
    let bytes = 0
    for (const answer of answers) {
      const size = limit.byteLength(answer)
      const last = batches.at(-1)
      if (!last || last.length == count || bytes + size > limit.BATCH_BYTES) {
        batches.push([answer])
        bytes = size
      } else {
        last.push(answer)
        bytes += size
      }
    }
    return batches
  }

  const claim = (answers: Answer[], ms: number) =>
    answers.forEach((answer) => store.put({ answer, tab, until: Date.now() + ms }))
  const release = (answers: Answer[]) => {
    const ids = answers.map((answer) => answer.id)
    store.list().forEach((entry) => ids.includes(entry.answer.id) && entry.tab == tab && store.put({ answer: entry.answer }))
  }

  // What a reply means; true when the next batch may go at once.
  const handle = (batch: Answer[], result: TransportResult): boolean => {
    if (result.ok) {
      batch.forEach(store.remove)
      attempt = 0
      onSent(batch)
      return true
    }
    release(batch)
    const { retry, retryAfterMs: wait, status } = result
    if (retry) {
      // A pause the server asks for is obeyed and is no failed attempt; one over 5 minutes waits for the next page.
      if (wait! > limit.MAX_WAIT_MS) stopped = true
      else if (wait! >= 0) {
        pausedUntil = Date.now() + Math.max(1000, wait!)
        schedule(0)
      } else schedule(limit.backoff(attempt++))
      return false
    }
    if (rejecting.includes(status!)) {
      // Halve until the bad answer is alone, then drop it and deliver the rest.
      if (batch.length > 1) batchLimit = Math.ceil(batch.length / 2)
      else {
        batchLimit = MAX_BATCH
        drop(batch, 'rejected', messages.rejected(status), status)
      }
      return true
    }
    stopped = true
    onError({ reason: 'stopped', message: messages.stopped(status), answers: batch, status })
    return false
  }

  const deliver = async (batch: Answer[], keepalive: boolean): Promise<TransportResult> => {
    let timeout: ReturnType<typeof setTimeout> | undefined
    try {
      // A transport that never answers is given up after 15 s, like a fetch that hangs.
      return await Promise.race([
        transport(batch, { keepalive }),
        new Promise<TransportResult>((resolve) => (timeout = setTimeout(() => resolve({ ok: false, retry: true }), limit.TIMEOUT_MS)))
      ])
    } catch (error) {
      onError({ reason: 'transport', message: messages.failed('the transport', error), answers: batch })
      return { ok: false, retry: true }
    } finally {
      clearTimeout(timeout)
    }
  }

  // Sends the next batch; true when another may follow at once.
  const sendBatch = async (): Promise<boolean> => {
    const entries = trim()
    const others = entries.filter(elsewhere)
    const [batch] = batchesOf(entries.filter((entry) => !elsewhere(entry)).map((entry) => entry.answer), batchLimit)
    // What another tab is sending is looked at again once its claim lapses (that tab may have died).
    if (!batch) return others.length > 0 && void schedule(Math.min(...others.map((entry) => entry.until!)) - Date.now() + 1), false
    claim(batch, limit.CLAIM_MS)
    inFlight = batch
    const result = await deliver(batch, false)
    inFlight = []
    return !stopped && handle(batch, result)
  }

  async function send() {
    clearTimeout(timer)
    if (sending) return
    if (!stopped && navigator.onLine !== false && Date.now() < pausedUntil) schedule(0)
    else if (!stopped && navigator.onLine !== false) {
      sending = true
      try {
        const run = async () => {
          while (await sendBatch());
          return true
        }
        // One tab sends at a time: the one that holds the lock delivers the other tabs' answers too.
        const locks = navigator.locks
        const done = locks ? await locks.request(store.name, { ifAvailable: true }, (lock) => lock && run()) : await run()
        if (!done) schedule(limit.LOCKED_RETRY_MS)
      } finally {
        sending = false
      }
    }
    settle()
  }

  // Leaving the page: whatever can go, goes now — keepalive fetch within sayso's own
  // budget, else a beacon, halved when the browser refuses it. What was sent this way
  // stays stored ("maybe sent") until a 2xx is seen, so the next visit sends it again.
  const leave = (event?: Event) => {
    if (stopped) return
    // Hidden is not gone: the request in flight goes on, so only an unloading page sends its batch again.
    const answers = trim()
      .filter((entry) => !elsewhere(entry) && !(event?.type != 'pagehide' && inFlight.some((answer) => answer.id == entry.answer.id)))
      .map((entry) => entry.answer)
    claim(answers, limit.LEAVE_CLAIM_MS)
    const beam = (batch: Answer[]): unknown =>
      beacon!(batch) || (batch.length > 1 && [batch.slice(0, batch.length >> 1), batch.slice(batch.length >> 1)].map(beam))
    for (const batch of batchesOf(answers, MAX_BATCH)) {
      const bytes = limit.byteLength(batch)
      if (!beacon || keepaliveBytes + bytes <= limit.KEEPALIVE_BYTES) {
        keepaliveBytes += bytes
        void deliver(batch, true).then((result) => {
          keepaliveBytes -= bytes
          if (result.ok) {
            batch.forEach(store.remove)
            onSent(batch)
          }
        })
      } else beam(batch)
    }
  }

  const onVisibility = (event: Event) => (document.visibilityState == 'hidden' ? leave(event) : schedule(0))
  const listeners: [EventTarget, string, (event: Event) => void][] = [
    [window, 'online', () => schedule(0)],
    [window, 'pagehide', leave],
    [window, 'pageshow', () => schedule(0)],
    [document, 'visibilitychange', onVisibility]
  ]
  listeners.forEach(([target, type, listener]) => target.addEventListener(type, listener))
  // What earlier page views left is sent soon after start-up, off the page's own start.
  schedule(limit.SOON_MS)

  return {
    push(answer) {
      if (limit.byteLength(answer) > limit.MAX_ANSWER_BYTES) return drop([answer], 'too-large', messages.tooLarge())
      const previous = store.list().find((entry) => entry.answer.id == answer.id)
      store.put(previous?.tab == tab ? { ...previous, answer } : { answer })
      trim()
      // Without storage an answer lives only as long as the page: it goes at once.
      schedule(store.durable() ? limit.SOON_MS : 0)
    },
    flush() {
      const settled = new Promise<void>((resolve) => waiters.push(resolve))
      send()
      return settled
    },
    destroy() {
      clearTimeout(timer)
      listeners.forEach(([target, type, listener]) => target.removeEventListener(type, listener))
      // Answers in memory would end with the page: they get the same last chance as on leaving.
      if (!store.durable()) leave()
      stopped = true
      settle()
    }
  }
}
