import type { Answer } from '../src/types'
import type { ScoreCount } from './summarize'

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

/** Where the collector keeps answers; one row per answer `id`. Two implementations: SQLite and PostgreSQL. */
export interface Store {
  /**
   * Stores each answer once per `id`. A later copy never adds a row: it adds a
   * comment that was missing and can only turn `complete` on.
   */
  upsert(answers: Answer[]): Promise<void>
  /** Answers per survey, type and score (and per day or week, when asked) for the scores. */
  scoreCounts(filter?: AnswerFilter, period?: 'day' | 'week'): Promise<ScoreCount[]>
  /** A page of answers, newest first. */
  answers(options?: AnswerFilter & { limit?: number; after?: Cursor; withComment?: boolean }): Promise<StoredAnswer[]>
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
