import * as messages from '../messages'
import type { Answer, SaysoError, Transport, TransportResult } from '../types'
import { MAX_BATCH } from '../wire/limits'
import { batchesOf } from './batches-of'
import type { AnswerStore, Entry } from './create-answer-store'
import * as limit from './limits'
import { storableCopy } from './storable-copy'

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
  /** Stops at once, as a closed tab does: what it was sending stays claimed until the claim lapses. */
  destroy(): void
}

/** Replies that refuse answers rather than the sender. */
const REFUSING = [400, 413, 422]

/** One copy of an answer: a later copy (with a comment) is another. */
const copyOf = (answer: Answer) => JSON.stringify(answer)

/**
 * Keeps answers until the endpoint confirms them (docs: RELIABILITY.md), by its rules in
 * the order a batch meets them: pick what may go, claim it, send it, settle the reply,
 * back off, and leave — a last effort when the page is left.
 */
export const createOutbox = ({ store, transport, beacon, onSent, onError }: OutboxOptions): Outbox => {
  // Tells this tab's claims from the others'.
  const tab = String(crypto.getRandomValues(new Uint32Array(2)))
  // 'stopped': nothing more is sent until the next page load, but replies in flight count.
  let state: 'idle' | 'sending' | 'stopped' | 'destroyed' = 'idle'
  let timer: ReturnType<typeof setTimeout> | undefined
  /** Set while a pause the endpoint asked for runs; its end sends. */
  let pause: ReturnType<typeof setTimeout> | undefined
  let attempt = 0
  let batchLimit = MAX_BATCH
  /** Whether the endpoint has stored an answer since the page loaded. */
  let accepted = false
  let keepaliveBytes = 0
  /** The copies of the batch this tab is sending by fetch. */
  let inFlight: string[] = []
  /** The copies sent since the page was left, until it is back. */
  let departure: Set<string> | undefined
  const waiters: (() => void)[] = []

  const online = () => navigator.onLine !== false
  const wakeWaiters = () => waiters.splice(0).forEach((resolve) => resolve())

  const drop = (answers: Answer[], reason: SaysoError['reason'], message: string, status?: number) => {
    answers.forEach(store.remove)
    onError({ reason, message, answers, ...(status && { status }) })
  }

  // The bounds: what is too old goes, then the oldest while over the limits; the rest is returned.
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

  // Another tab is sending it. No claim runs longer than CLAIM_MS: one that seems to has
  // outlived a clock set back, and no longer counts.
  const elsewhere = ({ claim }: Entry) => {
    const now = Date.now()
    return !!claim && claim.tab != tab && claim.until > now && claim.until <= now + limit.CLAIM_MS
  }

  // Pick: the oldest answers that no other tab is sending.
  const pick = (entries: Entry[]): Answer[] | undefined => {
    const free = entries.filter((entry) => !elsewhere(entry)).map((entry) => entry.answer)
    return batchesOf(free, batchLimit)[0]
  }

  // Back off: the next attempt, never inside a pause the endpoint asked for.
  const schedule = (ms: number) => {
    clearTimeout(timer)
    if (!pause) timer = setTimeout(send, ms)
  }
  const pauseFor = (ms: number) => {
    clearTimeout(timer)
    pause = setTimeout(() => {
      pause = undefined
      send()
    }, ms)
  }
  // A failed attempt waits longer each time. A pause the endpoint asks for is obeyed and is
  // no failed attempt; one over 5 minutes waits for the next page load.
  const backOff = (batch: Answer[], wait: number | undefined, status?: number) => {
    if (wait === undefined) schedule(limit.backoff(attempt++))
    else if (wait > limit.MAX_WAIT_MS) stop(batch, messages.longWait(status), status)
    else pauseFor(Math.max(1000, wait))
  }
  const stop = (batch: Answer[], message: string, status?: number) => {
    state = 'stopped'
    onError({ reason: 'stopped', message, answers: batch, status })
  }

  const delivered = (answers: Answer[]) => {
    if (!answers.length) return
    answers.forEach(store.remove)
    attempt = 0
    accepted = true
    onSent(answers)
  }

  // A refusal that names no answer: halve, pausing between steps, until the bad answer is
  // alone. Alone, it is dropped only if the endpoint has stored others: one that has stored
  // nothing is broken (a proxy, a firewall), not the answer.
  const split = (batch: Answer[], status?: number): boolean => {
    if (batch.length > 1) {
      batchLimit = Math.ceil(batch.length / 2)
      schedule(limit.backoff(attempt++))
      return false
    }
    batchLimit = MAX_BATCH
    if (!accepted) {
      stop(batch, messages.stopped(status), status)
      return false
    }
    drop(batch, 'rejected', messages.rejected(status), status)
    return true
  }

  // Settle: what a reply means. True when the next batch may go at once.
  const settle = (batch: Answer[], result: TransportResult): boolean => {
    if (result.ok) {
      delivered(batch)
      return true
    }
    const { retry, retryAfterMs, status, rejected = [] } = result
    if (retry) {
      backOff(batch, retryAfterMs, status)
      return false
    }
    const named = batch.filter((answer) => rejected.includes(answer.id))
    if (named.length) {
      drop(named, 'rejected', messages.rejected(status), status)
      delivered(batch.filter((answer) => !named.includes(answer)))
      return true
    }
    if (REFUSING.includes(status ?? 0)) return split(batch, status)
    stop(batch, messages.stopped(status), status)
    return false
  }

  // Send: a transport that never answers is given up after 15 s, like a fetch that hangs.
  const deliver = async (batch: Answer[], keepalive: boolean): Promise<TransportResult> => {
    let timeout: ReturnType<typeof setTimeout> | undefined
    const givenUp = new Promise<TransportResult>((resolve) => {
      timeout = setTimeout(() => resolve({ ok: false, retry: true }), limit.TIMEOUT_MS)
    })
    try {
      return await Promise.race([transport(batch, { keepalive }), givenUp])
    } catch (error) {
      onError({ reason: 'transport', message: messages.failed('the transport', error), answers: batch })
      return { ok: false, retry: true }
    } finally {
      clearTimeout(timeout)
    }
  }

  // What another tab is sending is looked at again once its claim lapses: that tab may have died.
  const lookAgainAfterClaims = (entries: Entry[]) => {
    const ends = entries.filter(elsewhere).map((entry) => entry.claim!.until)
    if (ends.length) schedule(Math.min(...ends) - Date.now() + 1)
  }

  // One batch: pick, claim, send, settle. True when the next may go at once.
  const sendNext = async (): Promise<boolean> => {
    const entries = trim()
    const batch = pick(entries)
    if (!batch) {
      lookAgainAfterClaims(entries)
      return false
    }
    store.claim(batch, { tab, until: Date.now() + limit.CLAIM_MS })
    inFlight = batch.map(copyOf)
    const result = await deliver(batch, false)
    inFlight = []
    if (state == 'destroyed') return false
    store.release(batch, tab)
    return settle(batch, result)
  }

  const sendAll = async () => {
    let more = true
    while (more) more = await sendNext()
  }

  // One tab sends at a time: the one that holds the lock delivers the other tabs' answers too.
  // False when another tab holds it.
  const sendHoldingLock = async (): Promise<boolean> => {
    const locks = navigator.locks
    if (!locks) {
      await sendAll()
      return true
    }
    return locks.request(store.name, { ifAvailable: true }, async (lock) => {
      if (!lock) return false
      await sendAll()
      return true
    })
  }

  const send = async () => {
    clearTimeout(timer)
    if (state == 'sending') return // the send under way wakes the waiters when it ends
    if (state == 'idle' && !pause && online()) {
      state = 'sending'
      try {
        if (!(await sendHoldingLock())) schedule(limit.LOCKED_RETRY_MS)
      } finally {
        if (state == 'sending') state = 'idle'
      }
    }
    wakeWaiters()
  }

  const sendKeepalive = async (batch: Answer[]) => {
    const bytes = limit.byteLength(batch)
    keepaliveBytes += bytes
    const result = await deliver(batch, true)
    keepaliveBytes -= bytes
    if (state == 'destroyed') return
    store.release(batch, tab)
    settle(batch, result)
  }

  // A beacon the browser refuses is tried in halves; what it refuses alone stays for the next visit.
  const beam = (batch: Answer[]) => {
    if (beacon!(batch) || batch.length == 1) return
    const half = Math.ceil(batch.length / 2)
    beam(batch.slice(0, half))
    beam(batch.slice(half))
  }

  // Leave: whatever can go goes now, once per departure (pagehide and visibilitychange come
  // together) — by keepalive fetch within sayso's own budget, else by beacon. It stays
  // stored ("maybe sent") until a 2xx is seen, so the next visit sends it again.
  const leave = (event?: Event) => {
    if (state == 'stopped' || state == 'destroyed' || !online()) return
    const left = (departure ??= new Set())
    // Hidden is not gone: a request in flight goes on, so only an unloading page sends its batch again.
    const unloading = event?.type != 'visibilitychange'
    const goesOn = (copy: string) => left.has(copy) || (!unloading && inFlight.includes(copy))
    const mine = trim().filter((entry) => !elsewhere(entry))
    const answers = mine.map((entry) => entry.answer).filter((answer) => !goesOn(copyOf(answer)))
    answers.forEach((answer) => left.add(copyOf(answer)))
    // A hidden page lives on, and claims what it sends as any request; a page that unloads
    // leaves all it had to the next page, soon.
    if (unloading) store.claim(mine.map((entry) => entry.answer), { tab, until: Date.now() + limit.LEAVE_CLAIM_MS })
    else store.claim(answers, { tab, until: Date.now() + limit.CLAIM_MS })
    for (const batch of batchesOf(answers, MAX_BATCH)) {
      if (!beacon || keepaliveBytes + limit.byteLength(batch) <= limit.KEEPALIVE_BYTES) void sendKeepalive(batch)
      else beam(batch)
    }
  }

  // Back on the page (or out of the back/forward cache): the next departure sends again.
  const back = () => {
    departure = undefined
    schedule(0)
  }
  const onVisibility = (event: Event) => {
    if (document.visibilityState == 'hidden') leave(event)
    else back()
  }
  const listeners: [EventTarget, string, (event: Event) => void][] = [
    [window, 'online', () => schedule(0)],
    [window, 'pagehide', leave],
    [window, 'pageshow', back],
    [document, 'visibilitychange', onVisibility]
  ]
  listeners.forEach(([target, type, listener]) => target.addEventListener(type, listener))
  // What earlier page views left is sent soon after start-up, off the page's own start.
  schedule(limit.SOON_MS)

  return {
    push(given) {
      const { answer, leftOut } = storableCopy(given)
      if (limit.byteLength(answer) > limit.MAX_ANSWER_BYTES) {
        drop([answer], 'too-large', messages.tooLarge())
        return
      }
      store.put(answer)
      if (leftOut.length) onError({ reason: 'command', message: messages.leftOut(leftOut), answers: [answer] })
      trim()
      // Without storage an answer lives only as long as the page: it goes at once.
      schedule(store.durable() ? limit.SOON_MS : 0)
    },
    flush() {
      const settled = new Promise<void>((resolve) => waiters.push(resolve))
      void send()
      return settled
    },
    destroy() {
      clearTimeout(timer)
      clearTimeout(pause)
      listeners.forEach(([target, type, listener]) => target.removeEventListener(type, listener))
      // Answers in memory would end with the page: they get the same last chance as on leaving.
      if (!store.durable()) leave()
      state = 'destroyed'
      wakeWaiters()
    }
  }
}
