import type { Answer } from '../src/types'
import type { ScoreCount } from './summarize'

/** Where the collector keeps answers; one row per answer `id`. */
export interface Store {
  /**
   * Stores each answer once per `id`. A later copy never adds a row: it adds a
   * comment that was missing and can only turn `complete` on.
   */
  upsert(answers: Answer[]): Promise<void>
  /** Answers per survey, type and score, for the summary. */
  scoreCounts(): Promise<ScoreCount[]>
  /** The stored answers, newest first. */
  answers(options?: { limit?: number }): Promise<StoredAnswer[]>
  close(): Promise<void>
}

export interface StoredAnswer extends Answer {
  receivedAt: string
  updatedAt: string
}
