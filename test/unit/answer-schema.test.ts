import * as z from 'zod/mini'
import { describe, expect, it } from 'vitest'
import { answerSchema } from '../../src/wire/answer-schema'
import { makeAnswer } from './helpers'

// The collector's check of one answer on the wire: here, the reasons a choice follow-up adds.
const problemsOf = (extra: object) => {
  const result = z.safeParse(answerSchema, makeAnswer(extra), { reportInput: true })
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)
}

describe('an answer’s reasons on the wire', () => {
  it.each([
    ['one reason', ['price']],
    ['twenty reasons of a hundred characters', Array.from({ length: 20 }, (_, i) => `${i}`.padEnd(100, 'x'))],
    ['no reasons at all', undefined]
  ])('takes %s', (_, reasons) => {
    expect(problemsOf({ reasons })).toEqual([])
  })

  it.each([
    ['an empty list', [], 'reasons: a list of 1–20 reasons'],
    ['21 reasons', Array.from({ length: 21 }, (_, i) => `r${i}`), 'reasons: a list of 1–20 reasons'],
    ['an empty reason', ['price', ''], 'reasons.1: a string of 1–100 characters'],
    ['a reason of 101 characters', ['x'.repeat(101)], 'reasons.0: a string of 1–100 characters'],
    ['a reason that is no string', [7], 'reasons.0: a string of 1–100 characters'],
    ['a text instead of a list', 'price', 'reasons: a list of 1–20 reasons']
  ])('refuses %s', (_, reasons, problem) => {
    expect(problemsOf({ reasons })).toEqual([problem])
  })
})
