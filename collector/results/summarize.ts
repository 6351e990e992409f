import { scales, segmentOf } from '../../src/wire/scales'
import type { SurveyType } from '../../src/types'
import type { SurveyCounts } from '../store/store'

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

/**
 * The scores of one survey from what the database counted, as DESIGN.md defines
 * them: NPS = % promoters − % detractors; CSAT = % of 4–5; CES = mean, and % of 5–7.
 * A few additions per survey: the answers themselves were counted by the database.
 */
export const summarizeSurvey = ({ surveyId, type, byScore }: SurveyCounts): SurveySummary => {
  const { min, max } = scales[type]
  const distribution = byScore.slice(min, max + 1)
  const count = distribution.reduce((sum, n) => sum + n, 0)
  const bySegment: Record<string, number> = {}
  distribution.forEach((n, i) => {
    const segment = segmentOf(type, min + i)
    bySegment[segment] = (bySegment[segment] ?? 0) + n
  })
  const base = { surveyId, type, count, distribution }
  if (type === 'nps') {
    const { promoter = 0, passive = 0, detractor = 0 } = bySegment
    return {
      ...base,
      score: count ? round((100 * (promoter - detractor)) / count, 1) : null,
      promoters: promoter,
      passives: passive,
      detractors: detractor
    }
  }
  const high = bySegment.high ?? 0
  if (type === 'csat') return { ...base, score: percent(high, count), satisfied: high }
  const total = distribution.reduce((sum, n, i) => sum + n * (min + i), 0)
  return { ...base, score: count ? round(total / count, 2) : null, easy: high, easyPercent: percent(high, count) }
}

// By survey id, then type; by code unit, so that both databases give one order.
const bySurvey = (a: SurveyCounts, b: SurveyCounts) =>
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

/** `GET /api/trend`: each survey's score per period, oldest first, from the counts per survey and period. */
export const trend = (counts: SurveyCounts[]): { surveys: SurveyTrend[] } => {
  const surveys = new Map<string, SurveyTrend>()
  for (const period of [...counts].sort((a, b) => bySurvey(a, b) || (a.period! < b.period! ? -1 : 1))) {
    const key = `${period.surveyId}\u0000${period.type}`
    if (!surveys.has(key)) surveys.set(key, { surveyId: period.surveyId, type: period.type, points: [] })
    const { count, score } = summarizeSurvey(period)
    surveys.get(key)!.points.push({ period: period.period!, count, score })
  }
  return { surveys: [...surveys.values()] }
}
