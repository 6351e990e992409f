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

describe('a display on the wire (a record without a score)', () => {
  it.each([
    ['a display', { score: undefined, complete: false }],
    ['a dismissed display on a phone', { score: undefined, complete: false, dismissed: true, device: 'mobile' }],
    ['an answer on a computer', { device: 'desktop' }]
  ])('takes %s', (_, extra) => {
    expect(problemsOf(extra)).toEqual([])
  })

  it.each([
    ['a finished display', { score: undefined, complete: true }, 'complete: nothing without a score (a display carries no complete)'],
    ['a display with a comment', { score: undefined, complete: false, comment: 'x' }, 'comment: nothing without a score (a display carries no comment)'],
    ['a display with reasons', { score: undefined, complete: false, reasons: ['price'] }, 'reasons: nothing without a score (a display carries no reasons)'],
    ['another device', { device: 'tablet' }, "device: 'mobile' or 'desktop'"],
    ['dismissed as text', { score: undefined, complete: false, dismissed: 'yes' }, 'dismissed: true or false']
  ])('refuses %s', (_, extra, problem) => {
    expect(problemsOf(extra)).toEqual([problem])
  })
})
