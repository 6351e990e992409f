import type { SurveyType } from './answer'

/** The lowest and highest score of each survey type. */
export const scales: Record<SurveyType, { min: number; max: number }> = {
  nps: { min: 0, max: 10 },
  csat: { min: 1, max: 5 },
  ces: { min: 1, max: 7 }
}

export type Segment = 'detractor' | 'passive' | 'promoter' | 'low' | 'high'

/** NPS: 0–6 detractor, 7–8 passive, 9–10 promoter. CSAT: 4–5 high. CES: 5–7 high. */
export const segmentOf = (type: SurveyType, score: number): Segment =>
  type === 'nps'
    ? score <= 6
      ? 'detractor'
      : score <= 8
        ? 'passive'
        : 'promoter'
    : score >= (type === 'csat' ? 4 : 5)
      ? 'high'
      : 'low'
