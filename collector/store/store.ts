import type { Answer, SurveyRecord, SurveyType } from '../../src/types'
import type { HookLedger } from '../hooks/hook'

/** Which answers a read looks at; every field is optional. */
export interface AnswerFilter {
  surveyId?: string
  /** ISO 8601; answers created at or after it. */
  from?: string
  /** ISO 8601; answers created before it. */
  to?: string
  /** A page URL, or a prefix of one ending in `*`. */
  url?: string
}

/** Where a page of answers (newest first) ends; the next page starts after it. */
export interface Cursor {
  createdAt: string
  id: string
}

export interface StoredAnswer extends Answer {
  receivedAt: string
  updatedAt: string
}

/** A trend's step: the UTC day, or the week starting on its Monday. */
export type Period = 'day' | 'week'

/** What the database counted for one survey's scores. */
export interface SurveyCounts {
  surveyId: string
  type: SurveyType
  /** Times it was shown: displays, and answers (each was shown). */
  displays: number
  /** Answers with a score. */
  count: number
  /** Answers finished (the follow-up sent or skipped). */
  completed: number
  /** Displays closed without a score. */
  dismissed: number
  /** NPS, CSAT % or CES mean, unrounded (0 without answers). */
  score: number
  /** Answers per score, from 0 to 10 (the widest scale): `byScore[9]` is how many answered 9. */
  byScore: number[]
}

/**
 * What segments a summary: the locale, the device (`mobile`/`desktop`), the URL's path, or
 * the value of one attribute (`{ attribute: 'plan' }`).
 */
export type Dimension = 'locale' | 'device' | 'path' | { attribute: string }

/**
 * The segment a read of answers keeps: those whose value for `by` (as `/api/summary?by=` gives
 * it) is `value`; a null `value` keeps those without one (missing, null or empty text).
 * @example { by: { attribute: 'plan' }, value: 'pro' }
 */
export interface AnswerSegment {
  by: Dimension
  value: string | null
}

/** Which answers a read of answers looks at: the filter, narrowed by a search and a segment. */
export interface AnswerSelection extends AnswerFilter {
  /** Text the comment contains, whatever its case (`über` finds `Über`); `%` and `_` are plain characters. */
  search?: string
  segment?: AnswerSegment
}

/** A page of answers: where it starts, how long it is, and whether only those with a comment. */
export interface AnswersPage extends AnswerSelection {
  limit?: number
  after?: Cursor
  withComment?: boolean
}

/** What the database counted for one survey's answers in one segment. */
export interface SegmentCounts extends SurveyCounts {
  /** The segment: a locale, a device, a path or an attribute's value as text; null where it is missing. */
  value: string | null
}

/** How many answers of a survey (in a segment, with `by`) gave one reason. */
export interface ReasonCounts {
  surveyId: string
  type: SurveyType
  /** The segment's value, as SegmentCounts has it; null without a dimension, or where it is missing. */
  segment: string | null
  /** A value of an answer's `reasons`, as the configuration names it. */
  reason: string
  count: number
}

/** What the database counted for one survey in one day or week. */
export interface PeriodCounts {
  surveyId: string
  type: SurveyType
  /** The day or the week's Monday, `YYYY-MM-DD`. */
  period: string
  count: number
  /** NPS, CSAT % or CES mean, unrounded. */
  score: number
}

/**
 * Where the collector keeps answers; one row per answer `id`. Two implementations:
 * SQLite and PostgreSQL. A call that fails because the database cannot be reached
 * rejects with StoreUnavailable.
 */
export interface Store {
  /**
   * Stores each answer and display once per `id` (a display is a row without a score). A
   * later copy never adds a row: it adds the score a display lacked (the first score stays),
   * a comment or reasons (or replaces them), and can only turn `complete` and `dismissed` on.
   */
  upsert(records: SurveyRecord[]): Promise<void>
  /** Per survey: how many answered, the score, and how many gave each score (GROUP BY in SQL). */
  scoreCounts(filter?: AnswerFilter): Promise<SurveyCounts[]>
  /** Per survey and segment: the same counts, from the answers themselves (GROUP BY in SQL). */
  segmentCounts(filter: AnswerFilter, by: Dimension): Promise<SegmentCounts[]>
  /** Per survey (and segment, with `by`) and reason: how many answers gave it (GROUP BY in SQL). */
  reasonCounts(filter: AnswerFilter, by?: Dimension): Promise<ReasonCounts[]>
  /** Per survey and day or week, oldest first: how many answered, and the score. */
  scoreTrend(filter: AnswerFilter, period: Period): Promise<PeriodCounts[]>
  /** A page of answers (with a score: displays are left out), newest first. */
  answers(options?: AnswersPage): Promise<StoredAnswer[]>
  /** The keys of the attributes of the answers and displays in the filter that a segment can be split by, sorted: at most 50. */
  attributeKeys(filter: AnswerFilter): Promise<string[]>
  /** The webhooks' deliveries, when the store was opened with hooks (collector/hooks/). */
  hooks?: HookLedger
  /** Whether the database answers now (for `/readyz`); never rejects. */
  ready(): Promise<boolean>
  close(): Promise<void>
}

/** A record as the store writes it: an answer, or a display without its score. */
export type Incoming = Omit<Answer, 'score'> & { score?: number; dismissed?: boolean }

/** Merges copies of one record in a batch as the store would, so that a batch holds each `id` once. */
export const mergeCopies = (records: SurveyRecord[]): Incoming[] => {
  const byId = new Map<string, Incoming>()
  for (const record of records as Incoming[]) {
    const known = byId.get(record.id)
    byId.set(
      record.id,
      known
        ? {
            ...known,
            score: known.score ?? record.score,
            complete: known.complete || record.complete,
            dismissed: known.dismissed || record.dismissed,
            comment: record.comment ?? known.comment,
            reasons: record.reasons ?? known.reasons,
            device: known.device ?? record.device
          }
        : record
    )
  }
  return [...byId.values()]
}

/** A row as either database returns it: SQLite with text dates, 0/1 and JSON text, PostgreSQL with dates, booleans and JSONB. */
export interface Row {
  id: string
  survey_id: string
  type: Answer['type']
  /** NULL on a display. */
  score: number | null
  comment: string | null
  /** JSON text in SQLite, JSONB in PostgreSQL. */
  reasons: string | string[] | null
  complete: number | boolean
  dismissed: number | boolean
  device: Answer['device'] | null
  created_at: string | Date
  received_at: string | Date
  updated_at: string | Date
  url: string
  locale: string
  visitor_id: string
  user_id: string | null
  attributes: string | Answer['attributes'] | null
  sdk: string
}

const iso = (date: string | Date) => new Date(date).toISOString()

/** A row with a score: `answers()` reads no other. */
export const rowToAnswer = (row: Row): StoredAnswer => ({
  id: row.id,
  surveyId: row.survey_id,
  type: row.type,
  score: row.score!,
  ...(row.comment !== null && { comment: row.comment }),
  ...(row.reasons !== null && { reasons: typeof row.reasons === 'string' ? JSON.parse(row.reasons) : row.reasons }),
  complete: !!row.complete,
  createdAt: iso(row.created_at),
  url: row.url,
  locale: row.locale,
  visitorId: row.visitor_id,
  ...(row.user_id !== null && { userId: row.user_id }),
  ...(row.attributes !== null && { attributes: typeof row.attributes === 'string' ? JSON.parse(row.attributes) : row.attributes }),
  ...(row.device !== null && { device: row.device }),
  sdk: row.sdk,
  receivedAt: iso(row.received_at),
  updatedAt: iso(row.updated_at)
})
