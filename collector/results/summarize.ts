import { scales, segmentOf } from '../../src/wire/scales'
import type { SurveyType } from '../../src/types'
import type { PeriodCounts, SurveyCounts } from '../store/store'

export interface SurveySummary {
  surveyId: string
  type: SurveyType
  count: number
  /** NPS −100…100, CSAT % satisfied, CES mean; `null` without answers. */
  score: number | null
  /** Answers per score, from the lowest to the highest point of the scale. */
  distribution: number[]
  promoters?: number
  passives?: number
  detractors?: number
  /** CSAT: answers of 4 or 5. */
  satisfied?: number
  /** CES: answers of 5–7, and their share in %. */
  easy?: number
  easyPercent?: number | null
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits
const percent = (part: number, whole: number) => (whole ? round((100 * part) / whole, 1) : null)

/** The database's unrounded score as shown: NPS and CSAT to one decimal, CES to two. */
const shown = (type: SurveyType, count: number, score: number) => (count ? round(score, type === 'ces' ? 2 : 1) : null)

/**
 * One survey's summary from what the database counted (the score too, in
 * SQL): the distribution over its scale and the breakdown by segment
 * (promoters, passives and detractors; satisfied; easy and its share).
 */
export const summarizeSurvey = ({ surveyId, type, count, score, byScore }: SurveyCounts): SurveySummary => {
  const { min, max } = scales[type]
  const distribution = byScore.slice(min, max + 1)
  const bySegment = { promoter: 0, passive: 0, detractor: 0, high: 0, low: 0 }
  distribution.forEach((answers, i) => (bySegment[segmentOf(type, min + i)] += answers))
  const base = { surveyId, type, count, score: shown(type, count, score), distribution }
  if (type === 'nps') return { ...base, promoters: bySegment.promoter, passives: bySegment.passive, detractors: bySegment.detractor }
  if (type === 'csat') return { ...base, satisfied: bySegment.high }
  return { ...base, easy: bySegment.high, easyPercent: percent(bySegment.high, count) }
}

// By survey id, then type; by code unit, so that both databases give one order.
const bySurvey = (a: { surveyId: string; type: string }, b: { surveyId: string; type: string }) =>
  a.surveyId < b.surveyId ? -1 : a.surveyId > b.surveyId ? 1 : a.type < b.type ? -1 : a.type > b.type ? 1 : 0

/** `GET /api/summary`: each survey's scores, sorted by survey id. */
export const summarize = (counts: SurveyCounts[]): { surveys: SurveySummary[] } => ({
  surveys: [...counts].sort(bySurvey).map(summarizeSurvey)
})

export interface TrendPoint {
  /** The day or the week's Monday, `YYYY-MM-DD`. */
  period: string
  count: number
  score: number | null
}

export interface SurveyTrend {
  surveyId: string
  type: SurveyType
  points: TrendPoint[]
}

/** `GET /api/trend`: each survey's points, oldest first, from the counts per survey and period (oldest first). */
export const trend = (counts: PeriodCounts[]): { surveys: SurveyTrend[] } => {
  const surveys = new Map<string, SurveyTrend>()
  for (const { surveyId, type, period, count, score } of counts) {
    const key = `${surveyId}\u0000${type}`
    let survey = surveys.get(key)
    if (!survey) surveys.set(key, (survey = { surveyId, type, points: [] }))
    survey.points.push({ period, count, score: shown(type, count, score) })
  }
  return { surveys: [...surveys.values()].sort(bySurvey) }
}
