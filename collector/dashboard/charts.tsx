import { h } from 'preact'
import { scales, segmentOf } from '../../src/wire/scales'
import type { SurveyType } from '../../src/types'
import type { TrendPoint } from '../results/summarize'

/** Answers per score as bars, each coloured by its segment; the counts sit on top. */
export const Distribution = ({ type, distribution }: { type: SurveyType; distribution: number[] }) => {
  const { min } = scales[type]
  const top = Math.max(1, ...distribution)
  // The same size for every scale, so that cards line up: the bars share 308 units.
  const width = 308 / distribution.length
  const height = 90
  const label = distribution.map((count, i) => `${min + i}: ${count}`).join(', ')
  return (
    <svg viewBox={`0 0 ${distribution.length * width} ${height + 32}`} role="img" aria-label={`Answers per score — ${label}`}>
      {distribution.map((count, i) => {
        const bar = Math.round((count / top) * height)
        return (
          <g key={i} transform={`translate(${i * width} 0)`}>
            <rect class={segmentOf(type, min + i)} x="3" y={16 + height - bar} width={width - 6} height={bar} rx="2" />
            <text x={width / 2} y={12 + height - bar} text-anchor="middle">
              {count || ''}
            </text>
            <text x={width / 2} y={height + 30} text-anchor="middle">
              {min + i}
            </text>
          </g>
        )
      })}
      <line class="axis" x1="0" x2={distribution.length * width} y1={height + 16} y2={height + 16} />
    </svg>
  )
}

const range = { nps: [-100, 100], csat: [0, 100], ces: [1, 7] }

/** The score per period as a line on the scale of its type, with the number of answers under each point. */
export const Trend = ({ type, points }: { type: SurveyType; points: TrendPoint[] }) => {
  if (!points.length) return <p class="empty">No answers in this range.</p>
  const [low, high] = range[type]
  const width = 320
  const height = 110
  const step = points.length > 1 ? width / (points.length - 1) : 0
  const y = (score: number) => 10 + (1 - (score - low) / (high - low)) * height
  const known = points.filter((point) => point.score !== null)
  const label = points.map((point) => `${point.period}: ${point.score ?? 'none'} (${point.count} answers)`).join('; ')
  return (
    <svg viewBox={`-24 0 ${width + 48} ${height + 46}`} role="img" aria-label={`Score by period — ${label}`}>
      {[low, (low + high) / 2, high].map((tick) => (
        <g key={tick}>
          <line class="axis" x1="0" x2={width} y1={y(tick)} y2={y(tick)} />
          <text x="-6" y={y(tick) + 4} text-anchor="end">
            {tick}
          </text>
        </g>
      ))}
      <polyline class="trend-line" points={known.map((point) => `${points.indexOf(point) * step},${y(point.score!)}`).join(' ')} />
      {points.map((point, i) => (
        <g key={point.period}>
          {point.score !== null && <circle class="trend-dot" cx={i * step} cy={y(point.score)} r="3.5" />}
          <text x={i * step} y={height + 28} text-anchor="middle">
            {point.period.slice(5)}
          </text>
          <text x={i * step} y={height + 42} text-anchor="middle">
            n={point.count}
          </text>
        </g>
      ))}
    </svg>
  )
}

/** One segment's score as a bar from the scale's low end, its 95 % interval as a line across it. */
export const SegmentBar = ({ type, score, interval }: { type: SurveyType; score: number | null; interval: [number, number] | null }) => {
  const [low, high] = range[type]
  const width = 160
  const at = (value: number) => Math.round(((Math.min(high, Math.max(low, value)) - low) / (high - low)) * width)
  const label = score === null ? 'no score' : `${score}${interval ? `, 95 % interval ${interval[0]} to ${interval[1]}` : ''}`
  return (
    <svg class="segment-bar" viewBox={`0 0 ${width} 14`} role="img" aria-label={label}>
      <line class="axis" x1="0" x2={width} y1="13" y2="13" />
      {score !== null && <rect class="score-bar" x="0" y="3" width={at(score)} height="8" rx="1" />}
      {interval && <line class="interval" x1={at(interval[0])} x2={at(interval[1])} y1="7" y2="7" />}
    </svg>
  )
}
