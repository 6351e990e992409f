import { describe, expect, it } from 'vitest'
import { summarize, summarizeSurvey } from '../../collector/summarize'
import type { SurveyType } from '../../src/types'

const counts = (scores: number[]) => {
  const map = new Map<number, number>()
  for (const score of scores) map.set(score, (map.get(score) ?? 0) + 1)
  return map
}

describe('scores as DESIGN.md defines them', () => {
  it.each<[SurveyType, number[], number | null, Record<string, unknown>]>([
    ['nps', [], null, { count: 0, promoters: 0, passives: 0, detractors: 0 }],
    ['nps', [10, 9, 10], 100, { promoters: 3 }],
    ['nps', [0, 3, 6], -100, { detractors: 3 }],
    ['nps', [7, 8], 0, { passives: 2 }],
    ['nps', [9, 10, 7, 8, 6], 20, { promoters: 2, passives: 2, detractors: 1 }],
    ['nps', [9, 6, 6], -33.3, { promoters: 1, detractors: 2 }],
    ['csat', [], null, { count: 0, satisfied: 0 }],
    ['csat', [5, 4, 3, 1], 50, { satisfied: 2 }],
    ['csat', [4, 4, 4], 100, { satisfied: 3 }],
    ['csat', [1, 2, 3], 0, { satisfied: 0 }],
    ['csat', [5, 3, 3], 33.3, { satisfied: 1 }],
    ['ces', [], null, { count: 0, easy: 0, easyPercent: null }],
    ['ces', [7, 5, 3], 5, { easy: 2, easyPercent: 66.7 }],
    ['ces', [1, 2], 1.5, { easy: 0, easyPercent: 0 }],
    ['ces', [4, 5, 6, 7], 5.5, { easy: 3, easyPercent: 75 }]
  ])('%s %j scores %s', (type, scores, score, breakdown) => {
    const summary = summarizeSurvey('s', type, counts(scores))
    expect(summary.score).toBe(score)
    expect(summary.count).toBe(scores.length)
    expect(summary).toMatchObject(breakdown)
  })

  it('gives the distribution over the whole scale, empty points included', () => {
    expect(summarizeSurvey('s', 'csat', counts([5, 5, 1])).distribution).toEqual([1, 0, 0, 0, 2])
    expect(summarizeSurvey('s', 'nps', counts([])).distribution).toHaveLength(11)
  })

  it('keeps surveys apart and sorts them by id', () => {
    const { surveys } = summarize([
      { surveyId: 'b', type: 'ces', score: 7, count: 2 },
      { surveyId: 'a', type: 'nps', score: 10, count: 3 },
      { surveyId: 'a', type: 'nps', score: 0, count: 1 }
    ])
    expect(surveys.map((s) => [s.surveyId, s.count, s.score])).toEqual([
      ['a', 4, 50],
      ['b', 2, 7]
    ])
  })
})
