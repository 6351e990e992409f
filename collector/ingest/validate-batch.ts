import * as z from 'zod/mini'
import type { Problem } from '../../src/config/problem'
import { formatIssues } from './format-issues'
import { answerSchema, batchSchema } from '../../src/wire/answer-schema'
import type { Answer } from '../../src/types'

export interface Rejected {
  index: number
  id?: string
  errors: Problem[]
}

export type BatchCheck = { ok: false; errors: Problem[] } | { ok: true; valid: Answer[]; rejected: Rejected[] }

/**
 * Checks a request body with the SDK's own wire schema. Each answer stands on
 * its own: the valid ones are kept even when another in the batch is not.
 */
export const validateBatch = (body: unknown): BatchCheck => {
  const batch = z.safeParse(batchSchema, body, { reportInput: true })
  if (!batch.success) return { ok: false, errors: formatIssues(batch.error.issues) }
  const valid: Answer[] = []
  const rejected: Rejected[] = []
  batch.data.answers.forEach((input, index) => {
    const answer = z.safeParse(answerSchema, input, { reportInput: true })
    if (answer.success) return valid.push(answer.data as Answer)
    const id = (input as { id?: unknown } | null)?.id
    rejected.push({
      index,
      ...(typeof id === 'string' && { id }),
      errors: formatIssues(answer.error.issues, ['answers', index])
    })
  })
  return { ok: true, valid, rejected }
}
