import { describe, expect, it } from 'vitest'
import { summarize, summarizeSurvey, trend } from '../../collector/results/summarize'
import { tQuantile } from '../../collector/results/t-quantile'
import type { PeriodCounts, SurveyCounts } from '../../collector/store/store'
import type { SurveyType } from '../../src/types'

// The database counts and scores (store.test.ts checks its SQL against docs/collector.md on both
// databases); here, what is made of its counts: the breakdown, the rounding, the order.
const counted = (type: SurveyType, scores: number[], score: number, extra: Partial<SurveyCounts> = {}): SurveyCounts => {
  const byScore = Array(11).fill(0)
  for (const given of scores) byScore[given]++
  return { surveyId: "s", type, displays: scores.length, count: scores.length, completed: scores.length, dismissed: 0, score, byScore, ...extra }
}

describe('a survey’s summary', () => {
  it.each<[SurveyType, number[], number, number | null, Record<string, unknown>]>([
    ['nps', [], 0, null, { count: 0, promoters: 0, passives: 0, detractors: 0 }],
    ['nps', [9, 10, 7, 8, 6], 20, 20, { promoters: 2, passives: 2, detractors: 1 }],
    ['nps', [9, 6, 6], -100 / 3, -33.3, { promoters: 1, detractors: 2 }],
    ['csat', [], 0, null, { count: 0, satisfied: 0 }],
    ['csat', [5, 3, 3], 100 / 3, 33.3, { satisfied: 1 }],
    ['ces', [], 0, null, { count: 0, easy: 0, easyPercent: null }],
    ['ces', [7, 5, 3], 5, 5, { easy: 2, easyPercent: 66.7 }],
    ['ces', [7, 7, 6], 20 / 3, 6.67, { easy: 3, easyPercent: 100 }]
  ])('%s %j: the score %s shown as %s, with its breakdown', (type, scores, score, shown, breakdown) => {
    const summary = summarizeSurvey(counted(type, scores, score))
    expect(summary.score).toBe(shown)
    expect(summary.count).toBe(scores.length)
    expect(summary).toMatchObject(breakdown)
  })

  it.each([
    [{ displays: 3, count: 1 }, 0.3333],
    [{ displays: 8, count: 8 }, 1],
    [{ displays: 5, count: 0 }, 0],
    [{ displays: 0, count: 0 }, null]
  ])('gives the response rate of %j as %s', (given, rate) => {
    expect(summarizeSurvey(counted('nps', [], 0, given)).responseRate).toBe(rate)
  })

  it('gives the distribution over the whole scale, empty points included', () => {
    expect(summarizeSurvey(counted('csat', [5, 5, 1], 66.7)).distribution).toEqual([1, 0, 0, 0, 2])
    expect(summarizeSurvey(counted('nps', [], 0)).distribution).toHaveLength(11)
  })

  it('keeps surveys apart and sorts them by id, whatever order the database gave', () => {
    const { surveys } = summarize([counted('ces', [7, 7], 7, { surveyId: 'b' }), counted('nps', [10, 10, 10, 0], 50, { surveyId: 'a' }), counted('nps', [9], 100, { surveyId: 'B' })])
    expect(surveys.map((s) => [s.surveyId, s.count, s.score])).toEqual([
      ['B', 1, 100],
      ['a', 4, 50],
      ['b', 2, 7]
    ])
  })
})

describe('the trend', () => {
  const point = (surveyId: string, type: SurveyType, period: string, count: number, score: number): PeriodCounts => ({ surveyId, type, period, count, score })

  it('gives each survey its points in the order the database gave them, rounded as shown', () => {
    const { surveys } = trend([point('t', 'csat', '2026-09-07', 2, 100), point('n', 'nps', '2026-09-07', 3, 100 / 3), point('t', 'csat', '2026-09-14', 1, 0)])
    expect(surveys).toEqual([
      { surveyId: 'n', type: 'nps', points: [{ period: '2026-09-07', count: 3, score: 33.3 }] },
      {
        surveyId: 't',
        type: 'csat',
        points: [
          { period: '2026-09-07', count: 2, score: 100 },
          { period: '2026-09-14', count: 1, score: 0 }
        ]
      }
    ])
  })

  it('makes a year of ten surveys by day with one look at each point', () => {
    const counts = Array.from({ length: 365 }, (_, day) => new Date(Date.UTC(2026, 0, 1 + day)).toISOString().slice(0, 10)).flatMap((period) =>
      Array.from({ length: 10 }, (_, survey) => point(`s${survey}`, 'nps', period, 5, 20))
    )
    const started = performance.now()
    const { surveys } = trend(counts)
    // The old trend re-summarised every row once per survey and period (1.3 s for this); a generous bound.
    expect(performance.now() - started).toBeLessThan(250)
    expect(surveys.map((survey) => survey.points.length)).toEqual(Array(10).fill(365))
  })
})

describe("Student's t quantile, for the CES interval", () => {
  // From any table of the t distribution.
  it.each([
    [1, 12.706],
    [2, 4.303],
    [4, 2.776],
    [9, 2.262],
    [29, 2.045],
    [1000, 1.962]
  ])('t(0.975, %i) is %s', (df, t) => {
    expect(tQuantile(0.975, df)).toBeCloseTo(t, 3)
  })
})
