import { scales, segmentOf } from '../../src/wire/scales'
import type { SurveyType } from '../../src/types'
import type { PeriodCounts, SegmentCounts, SurveyCounts } from '../store/store'
import { scoreInterval } from './score-margin'

export interface SurveySummary extends Figures {
  surveyId: string
  type: SurveyType
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
const digitsOf = (type: SurveyType) => (type === 'ces' ? 2 : 1)

/** The figures a survey and each of its segments give: the funnel, the score and its interval. */
export interface Figures {
  /** Times the survey was shown (each answer's display included). */
  displays: number
  /** Answers with a score. */
  count: number
  /** `count ÷ displays`, 0…1 to four decimals; `null` without displays. */
  responseRate: number | null
  /** Answers finished: the follow-up sent or skipped. */
  completed: number
  /** Displays closed without a score. */
  dismissed: number
  /** NPS −100…100, CSAT % satisfied, CES mean; `null` without answers. */
  score: number | null
  /** Half the width of the score's 95 % confidence interval (score-margin.ts); `null` when it cannot be told. */
  margin: number | null
  /** The 95 % confidence interval, `[low, high]`; `null` with `margin`. */
  interval: [number, number] | null
}

const figuresOf = ({ type, displays, count, completed, dismissed, score, byScore }: SurveyCounts): Figures => {
  const interval = scoreInterval(type, byScore)
  const digits = digitsOf(type)
  return {
    displays,
    count,
    responseRate: displays ? round(count / displays, 4) : null,
    completed,
    dismissed,
    score: shown(type, count, score),
    margin: interval ? round(interval.margin, digits) : null,
    interval: interval ? [round(interval.low, digits), round(interval.high, digits)] : null
  }
}

/**
 * One survey's summary from what the database counted (the score too, in
 * SQL): the distribution over its scale and the breakdown by segment
 * (promoters, passives and detractors; satisfied; easy and its share).
 */
export const summarizeSurvey = (counts: SurveyCounts): SurveySummary => {
  const { surveyId, type, count, byScore } = counts
  const { min, max } = scales[type]
  const distribution = byScore.slice(min, max + 1)
  const bySegment = { promoter: 0, passive: 0, detractor: 0, high: 0, low: 0 }
  distribution.forEach((answers, i) => (bySegment[segmentOf(type, min + i)] += answers))
  const base = { surveyId, type, ...figuresOf(counts), distribution }
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

/** One segment of a survey: its value, and the same figures as the survey's. */
export interface SegmentSummary extends Figures {
  value: string | null
}

export const surveyKey = ({ surveyId, type }: { surveyId: string; type: string }) => `${surveyId}\u0000${type}`

/** Each survey's segments, by their value (null last), keyed by survey and type. */
export const segmentsBySurvey = (counts: SegmentCounts[]): Map<string, SegmentSummary[]> => {
  const surveys = new Map<string, SegmentSummary[]>()
  for (const row of counts) {
    const segments = surveys.get(surveyKey(row)) ?? []
    segments.push({ value: row.value, ...figuresOf(row) })
    surveys.set(surveyKey(row), segments)
  }
  for (const segments of surveys.values()) {
    segments.sort((a, b) => (a.value === b.value ? 0 : a.value === null ? 1 : b.value === null ? -1 : a.value < b.value ? -1 : 1))
  }
  return surveys
}

/** The counts of a survey that had no displays and no answers in a period. */
export const noCounts = (surveyId: string, type: SurveyType): SurveyCounts => ({ surveyId, type, displays: 0, count: 0, completed: 0, dismissed: 0, score: 0, byScore: Array(11).fill(0) })


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
    const key = surveyKey({ surveyId, type })
    let survey = surveys.get(key)
    if (!survey) surveys.set(key, (survey = { surveyId, type, points: [] }))
    survey.points.push({ period, count, score: shown(type, count, score) })
  }
  return { surveys: [...surveys.values()].sort(bySurvey) }
}
