import { failed } from '../messages'
import * as messages from './messages'
import type { SurveyRecord, SaysoError, Transport, TransportResult } from '../types'
import { MAX_BATCH } from '../wire/limits'
import { batchesOf } from './batches-of'
import { beamInHalves } from './beam-in-halves'
import type { AnswerStore, Entry } from './create-answer-store'
import { holdingLock } from './holding-lock'
import * as limit from './limits'
import { storableCopy } from './storable-copy'
import { trimToBounds } from './trim-to-bounds'

export interface OutboxOptions {
  store: AnswerStore
  transport: Transport
  /**
   * With the built-in fetch transport: `navigator.sendBeacon` to the endpoint, for leaving
   * the page once sayso's keepalive requests in flight reach their budget.
   */
  beacon?: (answers: SurveyRecord[]) => boolean
  onSent: (answers: SurveyRecord[]) => void
  onError: (error: SaysoError) => void
}

export interface Outbox {
  /** Stores an answer and sends it soon; a newer copy of the same `id` replaces the queued one. */
  push(answer: SurveyRecord): void
  /** Sends now; settles when the queue is empty or cannot progress. */
  flush(): Promise<void>
  /** Stops at once, as a closed tab does: what it was sending stays claimed until the claim lapses. */
  destroy(): void
}

/** Replies that refuse answers rather than the sender. */
const REFUSING = [400, 413, 422]

/** One copy of an answer: a later copy (with a comment) is another. */
const copyOf = (answer: SurveyRecord) => JSON.stringify(answer)

/**
 * Keeps answers until the endpoint confirms them (docs/delivery.md), by its rules in
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
  /** Whether `error` has said that the endpoint does not answer, since it last did. */
  let unanswered = false
  let keepaliveBytes = 0
  /** The answers of this tab's requests on the way, once for each request that carries them. */
  const flying: SurveyRecord[] = []
  /** The copies sent since the page was left, until it is back. */
  let departure: Set<string> | undefined
  const waiters: (() => void)[] = []

  const online = () => navigator.onLine !== false
  const wakeWaiters = () => waiters.splice(0).forEach((resolve) => resolve())

  const drop = (answers: SurveyRecord[], reason: SaysoError['reason'], message: string, status?: number) => {
    answers.forEach(store.remove)
    onError({ reason, message, answers, ...(status && { status }) })
  }

  // The queue within its bounds, what they take out dropped and told.
  const trim = (): Entry[] => {
    const { kept, expired, overflow } = trimToBounds(store.list(), Date.now())
    if (expired.length) drop(expired, 'expired', messages.expired(expired.length))
    overflow.forEach((answer) => drop([answer], 'overflow', messages.overflow()))
    return kept
  }

  // Another tab is sending it. No claim runs longer than CLAIM_MS: one that seems to has
  // outlived a clock set back, and no longer counts.
  const elsewhere = ({ claim }: Entry) => {
    const now = Date.now()
    return !!claim && claim.tab != tab && claim.until > now && claim.until <= now + limit.CLAIM_MS
  }

  // Another request of this tab carries the answer. Two copies of an answer on the way at
  // once may land in either order, and the endpoint keeps the one that lands last.
  const carried = (answer: SurveyRecord) => flying.some((other) => other.id == answer.id)
  const olderOnTheWay = (answer: SurveyRecord) => flying.some((other) => other.id == answer.id && copyOf(other) != copyOf(answer))

  // Pick: the oldest answers that no tab is sending, this one included.
  const pick = (entries: Entry[]): SurveyRecord[] | undefined => {
    const free = entries.filter((entry) => !elsewhere(entry) && !carried(entry.answer)).map((entry) => entry.answer)
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
  const backOff = (batch: SurveyRecord[], wait: number | undefined, status?: number) => {
    if (wait === undefined) schedule(limit.backoff(attempt++))
    else if (wait > limit.MAX_WAIT_MS) stop(batch, messages.longWait(status), status)
    else pauseFor(Math.max(1000, wait))
  }
  const stop = (batch: SurveyRecord[], message: string, status?: number) => {
    state = 'stopped'
    onError({ reason: 'stopped', message, answers: batch, status })
  }

  const delivered = (answers: SurveyRecord[]) => {
    if (!answers.length) return
    // A copy still on the way may land after this one and undo it: the answer stays, and goes again.
    answers.filter((answer) => !carried(answer)).forEach(store.remove)
    attempt = 0
    accepted = true
    unanswered = false
    onSent(answers)
  }

  // A refusal that names no answer: halve, pausing between steps, until the bad answer is
  // alone. Alone, it is dropped only if the endpoint has stored others: one that has stored
  // nothing is broken (a proxy, a firewall), not the answer.
  const split = (batch: SurveyRecord[], status?: number): boolean => {
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
  const settle = (batch: SurveyRecord[], result: TransportResult): boolean => {
    if (result.ok) {
      delivered(batch)
      return true
    }
    const { retry, retryAfterMs, status, rejected = [] } = result
    if (retry) {
      // No reply at all (no connection, a timeout): said once, until the endpoint answers again.
      if (status === undefined && !unanswered) onError({ reason: 'transport', message: messages.unreachable(), answers: batch })
      unanswered ||= status === undefined
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
  const deliver = async (batch: SurveyRecord[], keepalive: boolean): Promise<TransportResult> => {
    flying.push(...batch)
    let timeout: ReturnType<typeof setTimeout> | undefined
    const givenUp = new Promise<TransportResult>((resolve) => {
      timeout = setTimeout(() => resolve({ ok: false, retry: true }), limit.TIMEOUT_MS)
    })
    try {
      return await Promise.race([transport(batch, { keepalive }), givenUp])
    } catch (error) {
      onError({ reason: 'transport', message: failed('the transport', error), answers: batch })
      // Said already: the reply that never came is not told again.
      unanswered = true
      return { ok: false, retry: true }
    } finally {
      clearTimeout(timeout)
      batch.forEach((answer) => flying.splice(flying.indexOf(answer), 1))
    }
  }

  // A claim goes once no request of this tab carries the answer.
  const release = (batch: SurveyRecord[]) =>
    store.release(
      batch.filter((answer) => !carried(answer)),
      tab
    )

  // What another tab is sending is looked at again once its claim lapses: that tab may have died.
  const lookAgainAfterClaims = (entries: Entry[]) => {
    const ends = entries.filter(elsewhere).map((entry) => entry.claim!.until)
    if (ends.length) schedule(Math.min(...ends) - Date.now() + 1)
  }

  // One batch: pick, claim, send, settle. True when the next may go at once.
  const sendNext = async (): Promise<boolean> => {
    // Gone offline since the last batch: `online` sends again.
    if (!online()) return false
    const entries = trim()
    const batch = pick(entries)
    if (!batch) {
      lookAgainAfterClaims(entries)
      return false
    }
    store.claim(batch, { tab, until: Date.now() + limit.CLAIM_MS })
    const result = await deliver(batch, false)
    if (state == 'destroyed') return false
    release(batch)
    return settle(batch, result)
  }

  const sendAll = async () => {
    let more = true
    while (more) more = await sendNext()
  }

  const send = async () => {
    clearTimeout(timer)
    if (state == 'sending') return // the send under way wakes the waiters when it ends
    if (state == 'idle' && !pause) {
      state = 'sending'
      try {
        // One tab sends at a time: the one that holds the lock delivers the other tabs' answers too.
        if (!(await holdingLock(store.name, sendAll))) schedule(limit.LOCKED_RETRY_MS)
      } finally {
        if (state == 'sending') state = 'idle'
      }
    }
    wakeWaiters()
  }

  const sendKeepalive = async (batch: SurveyRecord[]) => {
    const bytes = limit.byteLength(batch)
    keepaliveBytes += bytes
    const result = await deliver(batch, true)
    keepaliveBytes -= bytes
    if (state == 'destroyed') return
    release(batch)
    settle(batch, result)
  }

  // Leave: whatever can go goes now, once per departure (pagehide and visibilitychange come
  // together) — by keepalive fetch within sayso's own budget, else by beacon. It stays
  // stored ("maybe sent") until a 2xx is seen, so the next visit sends it again.
  const leave = (event?: Event) => {
    if (state == 'stopped' || state == 'destroyed' || !online()) return
    const left = (departure ??= new Set())
    // Hidden is not gone: what is on the way goes on, and a newer copy waits for it. An unloading
    // page sends all it has not sent since it was left: its requests may die with it.
    const unloading = event?.type != 'visibilitychange'
    const goesOn = (answer: SurveyRecord) => left.has(copyOf(answer)) || (!unloading && carried(answer))
    const mine = trim().filter((entry) => !elsewhere(entry))
    const answers = mine.map((entry) => entry.answer).filter((answer) => !goesOn(answer))
    answers.forEach((answer) => left.add(copyOf(answer)))
    // A hidden page lives on, and claims what it sends as any request. A page that unloads
    // leaves all it had to the next page soon, but for what an older copy is still on the way
    // for: the next page waits for that request to be over.
    if (unloading) {
      const leftToNext = mine.map((entry) => entry.answer).filter((answer) => !olderOnTheWay(answer))
      store.claim(leftToNext, { tab, until: Date.now() + limit.LEAVE_CLAIM_MS })
    } else store.claim(answers, { tab, until: Date.now() + limit.CLAIM_MS })
    for (const batch of batchesOf(answers, MAX_BATCH)) {
      if (!beacon || keepaliveBytes + limit.byteLength(batch) <= limit.KEEPALIVE_BYTES) void sendKeepalive(batch)
      else beamInHalves(beacon, batch)
    }
  }

  // Back on the page (or out of the back/forward cache): the next departure sends again.
  const back = () => {
    departure = undefined
    schedule(0)
  }
  // A page's own first pageshow, on load, is no return: what was just given waits as usual.
  const fromCache = (event: Event) => {
    if ((event as PageTransitionEvent).persisted) back()
  }
  const onVisibility = (event: Event) => {
    if (document.visibilityState == 'hidden') leave(event)
    else back()
  }
  const listeners: [EventTarget, string, (event: Event) => void][] = [
    [window, 'online', () => schedule(0)],
    [window, 'pagehide', leave],
    [window, 'pageshow', fromCache],
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
