import type { HookCounts } from '../hooks/hook'
import type { SurveySummary, TrendPoint } from '../results/summarize'
import type { PeriodSummary } from '../results/summarize-with'
import type { StoredAnswer } from '../store/store'
import { get, query } from './api'
import { createLoad } from './create-load'

/** A survey's summary in the view's period, with the period before when both dates are set. */
export type CardSummary = PeriodSummary & { previous?: PeriodSummary }

export interface Results {
  summary: CardSummary[]
  /** Every survey, unfiltered: the survey select lists them. */
  all: SurveySummary[]
  trend: { surveyId: string; type: string; points: TrendPoint[] }[]
}

/** A hook as `GET /api/hooks` shows it: its address cut, never its secret. */
export type HookState = Omit<HookCounts, 'hookIndex'> & { index: number; url: string; format: 'json' | 'slack'; signed: boolean; when: Record<string, unknown> }

/** How many comments the dashboard shows: the newest that match. */
export const COMMENTS_SHOWN = 20

/** A `segment` parameter that stays when empty: '' asks for the answers that gave none. */
const segmentParam = (segment: string | undefined) => (segment === undefined ? '' : `&${new URLSearchParams({ segment })}`)

export const $results = createLoad(
  ({ survey, from, to, by, period }) => ({ survey, from, to, by, period }),
  async ({ period, by, ...filter }, token, signal): Promise<Results> => {
    // With both dates in order, each score is set against the period of equal length before.
    const compare = filter.from && filter.to && filter.from <= filter.to ? 'previous' : undefined
    const [summary, all, trend] = await Promise.all([
      get<{ surveys: CardSummary[] }>(`/api/summary?${query({ ...filter, compare, by })}`, token, signal),
      get<{ surveys: SurveySummary[] }>('/api/summary', token, signal),
      get<{ surveys: Results['trend'] }>(`/api/trend?${query({ ...filter, period })}`, token, signal)
    ])
    return { summary: summary.surveys, all: all.surveys, trend: trend.surveys }
  }
)

export const $comments = createLoad(
  ({ survey, from, to, by, q, segment }) => ({ survey, from, to, q, ...(by && segment !== undefined ? { by, segment } : {}) }),
  async ({ segment, ...filter }, token, signal) => {
    const path = `/api/answers?${query({ ...filter, comments: '1', limit: String(COMMENTS_SHOWN) })}${segmentParam(segment)}`
    return (await get<{ answers: StoredAnswer[] }>(path, token, signal)).answers
  }
)

export const $hooks = createLoad(
  () => ({}),
  async (_, token, signal) => (await get<{ hooks: HookState[] }>('/api/hooks', token, signal)).hooks
)

/** The attribute keys the answers in the filter carry, to split by. */
export const $attributeKeys = createLoad(
  ({ survey, from, to }) => ({ survey, from, to }),
  async (filter, token, signal) => (await get<{ keys: string[] }>(`/api/attributes?${query(filter)}`, token, signal)).keys
)
