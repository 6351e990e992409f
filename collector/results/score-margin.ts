import { scales, segmentOf } from '../../src/wire/scales'
import type { SurveyType } from '../../src/types'
import { tQuantile } from './t-quantile'

/** The normal quantile of a two-sided 95 % interval. */
const Z = 1.959964

/** A score's 95 % confidence interval: its bounds and half its width, unrounded. */
export interface ScoreInterval {
  low: number
  high: number
  /** Half the interval's width, `(high − low) / 2`: for CES also the distance from the score to either bound. */
  margin: number
}

/**
 * The 95 % confidence interval of a score, from the answers per score (`byScore[k]`: how many
 * answered k — all a score's interval needs): undefined when it cannot be told.
 *
 * - NPS: each answer is +1 (promoter), 0 or −1 (detractor); NPS is their mean × 100. The
 *   adjusted Wald interval (Rocks, The American Statistician, 2016: the best of six methods
 *   in coverage): ¾ of a promoter and ¾ of a detractor are added, and 3 to n. With the shares
 *   p̃ and d̃ of the ñ answers so counted, the indicator's variance is p̃ + d̃ − (p̃ − d̃)², and
 *   the interval (p̃ − d̃) ± 1.96 · √(variance ÷ ñ), × 100, within −100…100. Unadjusted, a few
 *   answers all alike would have an interval of no width at all, and look certain.
 * - CSAT: the share satisfied s of n, Wilson's score interval:
 *   (s + z²/2n ± z·√(s(1−s)/n + z²/4n²)) ÷ (1 + z²/n), in %; not centred on s, so the margin
 *   given is half its width.
 * - CES: the mean ± t(0.975, n − 1) · sd ÷ √n, sd the sample standard deviation; none below
 *   two answers.
 */
export const scoreInterval = (type: SurveyType, byScore: number[]): ScoreInterval | undefined => {
  const { min, max } = scales[type]
  let n = 0
  let high = 0
  let low = 0
  let sum = 0
  let squares = 0
  for (let score = min; score <= max; score++) {
    const answers = byScore[score] ?? 0
    n += answers
    sum += score * answers
    squares += score * score * answers
    if (segmentOf(type, score) === 'promoter' || segmentOf(type, score) === 'high') high += answers
    if (segmentOf(type, score) === 'detractor') low += answers
  }
  if (!n) return undefined
  if (type === 'nps') {
    const adjusted = n + 3
    const p = (high + 0.75) / adjusted
    const d = (low + 0.75) / adjusted
    const spread = Z * Math.sqrt((p + d - (p - d) ** 2) / adjusted) * 100
    const bounds = { low: Math.max(-100, (p - d) * 100 - spread), high: Math.min(100, (p - d) * 100 + spread) }
    return { ...bounds, margin: (bounds.high - bounds.low) / 2 }
  }
  if (type === 'csat') {
    const share = high / n
    const spread = Z * Math.sqrt((share * (1 - share)) / n + (Z * Z) / (4 * n * n))
    const centre = share + (Z * Z) / (2 * n)
    const scale = 1 + (Z * Z) / n
    const bounds = { low: ((centre - spread) / scale) * 100, high: ((centre + spread) / scale) * 100 }
    return { ...bounds, margin: (bounds.high - bounds.low) / 2 }
  }
  if (n < 2) return undefined
  const mean = sum / n
  const variance = Math.max(0, (squares - n * mean * mean) / (n - 1))
  const margin = tQuantile(0.975, n - 1) * Math.sqrt(variance / n)
  return { low: mean - margin, high: mean + margin, margin }
}
