import type { AnswerFilter, ReasonCounts, Store } from '../store/store'
import type { SummaryOptions } from './read-summary-options'
import { noCounts, segmentsBySurvey, summarize, summarizeSurvey, surveyKey, type SegmentSummary, type SurveySummary } from './summarize'

/** How many answers gave a reason of a choice follow-up (an answer may give several). */
export interface ReasonCount {
  value: string
  count: number
}

/** A survey's summary in a period: the reasons its answers gave, and its segments (each with its reasons) when asked for. */
export type PeriodSummary = SurveySummary & { reasons: ReasonCount[]; segments?: (SegmentSummary & { reasons: ReasonCount[] })[] }

// A segment of a survey; JSON tells a missing value (null) from the text "null".
const segmentKey = (survey: { surveyId: string; type: string }, segment: string | null) => `${surveyKey(survey)}\u0000${JSON.stringify(segment)}`

/** The reasons' counts per survey and per survey and segment, each list most given first. */
const reasonsOf = (rows: ReasonCounts[]) => {
  const add = (lists: Map<string, Map<string, number>>, key: string, row: ReasonCounts) => {
    const counts = lists.get(key) ?? new Map<string, number>()
    counts.set(row.reason, (counts.get(row.reason) ?? 0) + row.count)
    lists.set(key, counts)
  }
  const bySurvey = new Map<string, Map<string, number>>()
  const bySegment = new Map<string, Map<string, number>>()
  for (const row of rows) {
    add(bySurvey, surveyKey(row), row)
    add(bySegment, segmentKey(row, row.segment), row)
  }
  const listOf = (counts: Map<string, number> | undefined): ReasonCount[] =>
    [...(counts ?? [])].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1))
  return {
    ofSurvey: (survey: SurveySummary) => listOf(bySurvey.get(surveyKey(survey))),
    ofSegment: (survey: SurveySummary, segment: string | null) => listOf(bySegment.get(segmentKey(survey, segment)))
  }
}

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
    const [counts, segments, reasons] = await Promise.all([
      store.scoreCounts(period),
      by ? store.segmentCounts(period, by) : undefined,
      store.reasonCounts(period, by)
    ])
    const bySurvey = segments && segmentsBySurvey(segments)
    return { counts: new Map(counts.map((row) => [surveyKey(row), row])), summaries: summarize(counts).surveys, bySurvey, reasons: reasonsOf(reasons) }
  }
  const [now, before] = await Promise.all([inPeriod(filter), previous ? inPeriod(previous) : undefined])
  const inFull = (period: typeof now, survey: SurveySummary): PeriodSummary => {
    const reasons = period.reasons.ofSurvey(survey)
    if (!by) return { ...survey, reasons }
    const segments = (period.bySurvey?.get(surveyKey(survey)) ?? []).map((segment) => ({ ...segment, reasons: period.reasons.ofSegment(survey, segment.value) }))
    return { ...survey, reasons, segments }
  }
  const surveys = now.summaries.map((summary) => {
    const current = inFull(now, summary)
    if (!before) return current
    const earlier = before.counts.get(surveyKey(summary)) ?? noCounts(summary.surveyId, summary.type)
    return { ...current, previous: inFull(before, summarizeSurvey(earlier)) }
  })
  return { surveys, ...(by && { by: byName(by) }), ...(previous && { previous: { from: previous.from!, to: previous.to! } }) }
}
