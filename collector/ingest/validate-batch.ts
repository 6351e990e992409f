import * as z from 'zod/mini'
import { describeValue, problem, type Problem } from '../../src/config/problem'
import { formatIssues } from './format-issues'
import { answerSchema, batchSchema } from '../../src/wire/answer-schema'
import type { SurveyRecord } from '../../src/types'

export interface Rejected {
  index: number
  id?: string
  errors: Problem[]
}

export type BatchCheck = { ok: false; errors: Problem[] } | { ok: true; valid: SurveyRecord[]; rejected: Rejected[] }

// What both databases can store: PostgreSQL has no year 0 and SQLite compares dates as text.
const storableYear = (createdAt: string) => {
  const year = new Date(createdAt).getUTCFullYear()
  return year >= 1970 && year <= 9999
}

// PostgreSQL cannot store the NUL character, which means nothing in an answer: it is replaced.
const withoutNul = (text: string) => text.replace(/\0/g, '\ufffd')
const storable = (answer: SurveyRecord): SurveyRecord => JSON.parse(JSON.stringify(answer), (_, value) => (typeof value === 'string' ? withoutNul(value) : value))

/**
 * Checks a request body with the SDK's own wire schema, and that the database
 * can store each answer. Each answer stands on its own: the valid ones are kept
 * even when another in the batch is not.
 */
export const validateBatch = (body: unknown): BatchCheck => {
  const batch = z.safeParse(batchSchema, body, { reportInput: true })
  if (!batch.success) return { ok: false, errors: formatIssues(batch.error.issues) }
  const valid: SurveyRecord[] = []
  const rejected: Rejected[] = []
  batch.data.answers.forEach((input, index) => {
    const answer = z.safeParse(answerSchema, input, { reportInput: true })
    const id = (input as { id?: unknown } | null)?.id
    const reject = (errors: Problem[]) => rejected.push({ index, ...(typeof id === 'string' && { id }), errors })
    if (!answer.success) return reject(formatIssues(answer.error.issues, ['answers', index]))
    const { createdAt } = answer.data as SurveyRecord
    if (!storableYear(createdAt)) return reject([problem(['answers', index, 'createdAt'], `expected a date between the years 1970 and 9999, got ${describeValue(createdAt)}`)])
    valid.push(storable(answer.data as SurveyRecord))
  })
  return { ok: true, valid, rejected }
}
