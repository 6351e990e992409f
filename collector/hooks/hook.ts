import type { SurveyType } from '../../src/wire/answer'
import type { Segment } from '../../src/wire/scales'
import type { StoredAnswer } from '../store/store'

/**
 * One hook of WEBHOOKS_FILE: where to post which answers, and how.
 * @example { url: 'https://hooks.slack.com/services/T0/B0/x', format: 'slack', when: { segments: ['detractor'], withComment: true } }
 */
export interface Hook {
  url: string
  format: 'slack' | 'json'
  /** With it, each request carries `X-Sayso-Signature: sha256=<hex HMAC-SHA256 of the body>`. */
  secret?: string
  /** Every field given must hold for an answer to be posted; none given: every answer. */
  when?: HookWhen
}

export interface HookWhen {
  surveyId?: string
  /** The answer's segment is one of these (src/wire/scales.ts: detractor/passive/promoter for NPS, low/high for CSAT and CES). */
  segments?: Segment[]
  /** Only answers with a comment (posted once the comment is known). */
  withComment?: boolean
}

/** What surveys.json says of a survey, for the `json` format's `survey`. */
export interface SurveyInfo {
  id: string
  type: SurveyType
  question?: string
  subject?: string
  task?: string
}

/** A delivery claimed by one worker: it alone may post it until `leasedUntil`. */
export interface ClaimedDelivery {
  answer: StoredAnswer
  hookIndex: number
  /** The hook's URL when the delivery was recorded: a hook that moved or left the file is not posted. */
  hookUrl: string
  /** Failed attempts so far. */
  attempts: number
  /** When the first attempt was made (ms since 1970); the 24 hours of retries count from it. */
  firstTriedAt: number
  /** Names this claim: a worker whose lease ran out cannot record over a later one. */
  claim: string
}

/** How a hook's deliveries stand, for the dashboard (`GET /api/hooks`). */
export interface HookCounts {
  hookIndex: number
  delivered: number
  /** Due or waiting to settle, never tried yet. */
  pending: number
  /** Tried and failed, to be tried again. */
  failing: number
  /** Failed for 24 hours: no more tries. */
  givenUp: number
  lastError?: string
  /** ISO 8601. */
  lastErrorAt?: string
  /** ISO 8601. */
  lastDeliveredAt?: string
}

/**
 * The hook deliveries in the database, as the worker and the dashboard use them; one
 * implementation per database (sqlite-hooks.ts, postgres-hooks.ts). Times are ms since 1970.
 */
export interface HookLedger {
  /** Up to `limit` deliveries due at `now` and not leased, leased to the caller for `leaseMs`. */
  claim(limit: number, now: number, leaseMs: number): Promise<ClaimedDelivery[]>
  delivered(delivery: ClaimedDelivery, now: number): Promise<void>
  /** A failed attempt: tried again at `retryAt`, or given up when it is undefined. */
  failed(delivery: ClaimedDelivery, error: string, now: number, retryAt: number | undefined): Promise<void>
  /** Hands a claim back untried (the collector is stopping), due at once for the next worker. */
  release(delivery: ClaimedDelivery): Promise<void>
  /** When the next pending delivery is due or its lease ends; undefined when none is pending. */
  nextDue(): Promise<number | undefined>
  counts(): Promise<HookCounts[]>
  /** Tells `listener` when deliveries were recorded (in this process, or by another collector on the same PostgreSQL); returns its unbind. */
  onRecorded(listener: () => void): () => void
}
