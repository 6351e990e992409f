// One survey's card: its score with the margin and the change, the funnel, the segments, the
// reasons, the distribution and the trend. Figures as docs/results.md defines them.
import { Fragment, h } from 'preact'
import type { SegmentSummary, SurveySummary, TrendPoint } from '../results/summarize'
import type { PeriodSummary, ReasonCount } from '../results/summarize-with'
import { Distribution, SegmentBar, Trend } from './charts'
import type { CardSummary } from './loads'

export const scoreText = (survey: SurveySummary) =>
  survey.score === null ? '–' : survey.type === 'nps' ? `${survey.score > 0 ? '+' : ''}${survey.score}` : survey.type === 'csat' ? `${survey.score} %` : String(survey.score)

const scoreName = { nps: 'NPS (−100 to 100)', csat: 'CSAT: satisfied (4–5)', ces: 'CES: mean of 1–7' }

const breakdown = (survey: SurveySummary) =>
  survey.type === 'nps'
    ? `${survey.promoters} promoters · ${survey.passives} passives · ${survey.detractors} detractors`
    : survey.type === 'csat'
      ? `${survey.satisfied} of ${survey.count} satisfied`
      : `${survey.easy} of ${survey.count} found it easy (${survey.easyPercent ?? '–'} %)`

const percentOf = (rate: number | null) => (rate === null ? '–' : `${Math.round(rate * 1000) / 10} %`)

// Displays → scored → completed: where visitors drop off.
const funnel = (survey: SurveySummary) =>
  `${survey.displays} shown → ${survey.count} scored (${percentOf(survey.responseRate)}) → ${survey.completed} completed · ${survey.dismissed} dismissed`

const margin = (survey: SurveySummary) => (survey.margin === null ? 'margin of error: too few answers' : `± ${survey.margin} (95 % confidence)`)

// Two scores whose 95 % intervals overlap may differ by chance alone.
const overlap = (one: { interval: [number, number] | null }, other: { interval: [number, number] | null }) =>
  !one.interval || !other.interval || (one.interval[0] <= other.interval[1] && other.interval[0] <= one.interval[1])

const change = (survey: SurveySummary, previous: SurveySummary) => {
  if (survey.score === null || previous.score === null) return 'no score to compare with in the period before'
  const difference = Math.round((survey.score - previous.score) * 100) / 100
  const signed = `${difference > 0 ? '+' : difference < 0 ? '−' : '±'}${Math.abs(difference)}`
  return `${signed} against the period before (${scoreText(previous)}): ${overlap(survey, previous) ? 'not significant' : 'significant'}`
}

// The reasons of a choice follow-up, most given first: each as a share of the answers with a
// score (an answer may give several, so the shares may add up to more than 100 %).
const Reasons = ({ reasons, answered }: { reasons: ReasonCount[]; answered: number }) => (
  <ul class="reasons">
    {reasons.map((reason) => (
      <li key={reason.value} data-reason={reason.value}>
        <span class="value">{reason.value}</span>
        <meter min={0} max={answered} value={reason.count} aria-label={`${reason.value}: ${reason.count} of ${answered} answers`} />
        <span class="figure">
          {reason.count} · {Math.round((100 * reason.count) / answered)} %
        </span>
      </li>
    ))}
  </ul>
)

const reasonsLine = (reasons: ReasonCount[]) => reasons.map((reason) => `${reason.value} ${reason.count}`).join(' · ')

// A segment whose interval overlaps every other's may differ from them by chance alone.
const Segments = ({ survey }: { survey: PeriodSummary }) => {
  const segments = survey.segments ?? []
  const apart = (segment: SegmentSummary) => segments.some((other) => other !== segment && !overlap(segment, other))
  return (
    <ul class="segments">
      {segments.map((segment) => (
        <li key={segment.value ?? ''} data-segment={segment.value ?? ''}>
          <span class="value">{segment.value ?? '(not given)'}</span>
          <SegmentBar type={survey.type} score={segment.score} interval={segment.interval} />
          <span class="figure">
            {scoreText({ ...survey, score: segment.score })}
            {segment.margin !== null && ` ± ${segment.margin}`} · n = {segment.count}
          </span>
          <span class="significance">{segment.count && segments.length > 1 ? (apart(segment) ? 'differs significantly' : 'not significant') : ''}</span>
          {segment.reasons.length > 0 && <span class="segment-reasons">reasons: {reasonsLine(segment.reasons)}</span>}
        </li>
      ))}
    </ul>
  )
}

export const Card = ({ survey, points, by }: { survey: CardSummary; points: TrendPoint[]; by: string }) => (
  <article class="card" data-survey={survey.surveyId}>
    <h2>{survey.surveyId}</h2>
    <span class="type">{scoreName[survey.type]}</span>
    <p class="score">
      {scoreText(survey)} <small>n = {survey.count}</small>
    </p>
    <p class="margin">{margin(survey)}</p>
    {survey.previous && <p class="change">{change(survey, survey.previous)}</p>}
    <p class="funnel">{funnel(survey)}</p>
    <p class="breakdown">{breakdown(survey)}</p>
    {survey.segments && (
      <>
        <h3>By {by.replace(/^attributes\./, '')}</h3>
        <Segments survey={survey} />
      </>
    )}
    {survey.reasons.length > 0 && (
      <>
        <h3>Reasons given</h3>
        <Reasons reasons={survey.reasons} answered={survey.count} />
      </>
    )}
    <h3>Answers per score</h3>
    <Distribution type={survey.type} distribution={survey.distribution} />
    <h3>Score by period</h3>
    <Trend type={survey.type} points={points} />
  </article>
)
