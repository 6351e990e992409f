import type { Answer, SurveyType } from '../../src/types'
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
  /** Answers with a score. */
  count: number
  /** NPS, CSAT % or CES mean, unrounded. */
  score: number
  /** Answers per score, from 0 to 10 (the widest scale): `byScore[9]` is how many answered 9. */
  byScore: number[]
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
   * Stores each answer once per `id`. A later copy never adds a row: it adds a
   * comment that was missing and can only turn `complete` on.
   */
  upsert(answers: Answer[]): Promise<void>
  /** Per survey: how many answered, the score, and how many gave each score (GROUP BY in SQL). */
  scoreCounts(filter?: AnswerFilter): Promise<SurveyCounts[]>
  /** Per survey and day or week, oldest first: how many answered, and the score. */
  scoreTrend(filter: AnswerFilter, period: Period): Promise<PeriodCounts[]>
  /** A page of answers, newest first. */
  answers(options?: AnswerFilter & { limit?: number; after?: Cursor; withComment?: boolean }): Promise<StoredAnswer[]>
  /** The webhooks' deliveries, when the store was opened with hooks (collector/hooks/). */
  hooks?: HookLedger
  /** Whether the database answers now (for `/readyz`); never rejects. */
  ready(): Promise<boolean>
  close(): Promise<void>
}

/** Merges copies of one answer in a batch as the store would, so that a batch holds each `id` once. */
export const mergeCopies = (answers: Answer[]): Answer[] => {
  const byId = new Map<string, Answer>()
  for (const answer of answers) {
    const known = byId.get(answer.id)
    byId.set(answer.id, known ? { ...known, complete: known.complete || answer.complete, comment: answer.comment ?? known.comment } : answer)
  }
  return [...byId.values()]
}

/** A row as either database returns it: SQLite with text dates, 0/1 and JSON text, PostgreSQL with dates, booleans and JSONB. */
export interface Row {
  id: string
  survey_id: string
  type: Answer['type']
  score: number
  comment: string | null
  complete: number | boolean
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

export const rowToAnswer = (row: Row): StoredAnswer => ({
  id: row.id,
  surveyId: row.survey_id,
  type: row.type,
  score: row.score,
  ...(row.comment !== null && { comment: row.comment }),
  complete: !!row.complete,
  createdAt: iso(row.created_at),
  url: row.url,
  locale: row.locale,
  visitorId: row.visitor_id,
  ...(row.user_id !== null && { userId: row.user_id }),
  ...(row.attributes !== null && { attributes: typeof row.attributes === 'string' ? JSON.parse(row.attributes) : row.attributes }),
  sdk: row.sdk,
  receivedAt: iso(row.received_at),
  updatedAt: iso(row.updated_at)
})
