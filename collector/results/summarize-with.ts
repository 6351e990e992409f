import type { AnswerFilter, Store } from '../store/store'
import type { SummaryOptions } from './read-summary-options'
import { noCounts, segmentsBySurvey, summarize, summarizeSurvey, surveyKey, type SegmentSummary, type SurveySummary } from './summarize'

/** A survey's summary in a period, with its segments when asked for. */
export type PeriodSummary = SurveySummary & { segments?: SegmentSummary[] }

/** `GET /api/summary`'s body. */
export interface SummaryBody {
  surveys: (PeriodSummary & { previous?: PeriodSummary })[]
  /** The dimension of the segments, as asked (`attributes.plan`). */
  by?: string
  /** The period compared with, for `compare=previous`. */
  previous?: { from: string; to: string }
}

const byName = (by: SummaryOptions['by']) => (typeof by === 'object' ? `attributes.${by.attribute}` : by)

/**
 * The summary as asked: each survey's figures; with `by`, its segments; with `compare`, the same
 * for the preceding period (a survey without displays then gets zeros and null scores). Every
 * count comes from the database (one GROUP BY a period, and one more with segments).
 */
export const summarizeWith = async (store: Store, filter: AnswerFilter, { by, previous }: SummaryOptions): Promise<SummaryBody> => {
  const inPeriod = async (period: AnswerFilter) => {
    const [counts, segments] = await Promise.all([store.scoreCounts(period), by ? store.segmentCounts(period, by) : undefined])
    const bySurvey = segments && segmentsBySurvey(segments)
    return { counts: new Map(counts.map((row) => [surveyKey(row), row])), summaries: summarize(counts).surveys, bySurvey }
  }
  const [now, before] = await Promise.all([inPeriod(filter), previous ? inPeriod(previous) : undefined])
  const surveys = now.summaries.map((summary) => {
    const withSegments = (period: typeof now, survey: SurveySummary): PeriodSummary => (by ? { ...survey, segments: period.bySurvey?.get(surveyKey(survey)) ?? [] } : survey)
    const current = withSegments(now, summary)
    if (!before) return current
    const earlier = before.counts.get(surveyKey(summary)) ?? noCounts(summary.surveyId, summary.type)
    return { ...current, previous: withSegments(before, summarizeSurvey(earlier)) }
  })
  return { surveys, ...(by && { by: byName(by) }), ...(previous && { previous: { from: previous.from!, to: previous.to! } }) }
}
