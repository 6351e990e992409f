import { scales, segmentOf } from '../src/wire/scales'
import type { SurveyType } from '../src/types'

/** How many answers gave each score, for one survey. */
export interface ScoreCount {
  surveyId: string
  type: SurveyType
  score: number
  count: number
  /** The day or week (its Monday), `YYYY-MM-DD`, when counted by period. */
  period?: string
}

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
 * The scores of one survey from its score counts, as DESIGN.md defines them:
 * NPS = % promoters − % detractors; CSAT = % of 4–5; CES = mean, and % of 5–7.
 */
export const summarizeSurvey = (surveyId: string, type: SurveyType, counts: Map<number, number>): SurveySummary => {
  const { min, max } = scales[type]
  const distribution = Array.from({ length: max - min + 1 }, (_, i) => counts.get(min + i) ?? 0)
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

/** Summaries of every survey found in the counts, sorted by survey id. */
export const summarize = (rows: ScoreCount[]): { surveys: SurveySummary[] } => {
  const groups = new Map<string, { surveyId: string; type: SurveyType; counts: Map<number, number> }>()
  for (const row of rows) {
    const key = `${row.surveyId}\u0000${row.type}`
    if (!groups.has(key)) groups.set(key, { surveyId: row.surveyId, type: row.type, counts: new Map() })
    const { counts } = groups.get(key)!
    counts.set(row.score, (counts.get(row.score) ?? 0) + row.count)
  }
  return {
    surveys: [...groups.values()]
      .sort((a, b) => a.surveyId.localeCompare(b.surveyId) || a.type.localeCompare(b.type))
      .map(({ surveyId, type, counts }) => summarizeSurvey(surveyId, type, counts))
  }
}

export interface TrendPoint {
  /** The day or the week's Monday, `YYYY-MM-DD`. */
  period: string
  count: number
  score: number | null
}

/** Each survey's score per period, oldest first, from counts per period. */
export const trend = (rows: ScoreCount[]): { surveys: { surveyId: string; type: SurveyType; points: TrendPoint[] }[] } => {
  const periods = [...new Set(rows.map((row) => row.period ?? ''))].sort()
  const surveys = summarize(rows).surveys.map(({ surveyId, type }) => ({
    surveyId,
    type,
    points: periods.flatMap((period) => {
      const [summary] = summarize(rows.filter((row) => row.surveyId === surveyId && row.type === type && row.period === period)).surveys
      return summary ? [{ period, count: summary.count, score: summary.score }] : []
    })
  }))
  return { surveys }
}
