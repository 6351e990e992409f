import { Fragment, h, render } from 'preact'
import { useEffect, useState } from 'preact/hooks'
import { segmentOf } from '../../src/wire/scales'
import type { SegmentSummary, SurveySummary, TrendPoint } from '../results/summarize'
import type { PeriodSummary, ReasonCount } from '../results/summarize-with'
import type { StoredAnswer } from '../store/store'
import { Distribution, SegmentBar, Trend } from './charts'

interface Filters {
  survey: string
  from: string
  to: string
  /** Segments: '' for none, else `device`, `locale` or `path`. */
  by: string
  period: 'day' | 'week'
}

const dimensions = ['device', 'locale', 'path']
interface Results {
  summary: (PeriodSummary & { previous?: PeriodSummary })[]
  all: SurveySummary[]
  trend: { surveyId: string; type: string; points: TrendPoint[] }[]
  comments: StoredAnswer[]
}

// The dashboard token arrives in the address's fragment (/dashboard#token=…, as the collector
// prints it), which no server and no log sees, or from the form below; it is kept for the tab
// and sent as `Authorization: Bearer`, the only place the collector reads it from.
const tokenKey = 'sayso:token'
const tokenStore = {
  get: () => {
    try {
      return sessionStorage.getItem(tokenKey) ?? ''
    } catch {
      return ''
    }
  },
  set: (token: string) => {
    try {
      sessionStorage.setItem(tokenKey, token)
    } catch {
      // Without storage the token lasts until the page is left; the form asks again then.
    }
  }
}
const fromAddress = new URLSearchParams(location.hash.slice(1)).get('token')
if (fromAddress) tokenStore.set(fromAddress)
let token = fromAddress ?? tokenStore.get()

class NeedsToken extends Error {}

const query = (filters: Partial<Filters>, extra: Record<string, string> = {}) =>
  new URLSearchParams(Object.entries({ ...filters, ...extra }).filter(([, value]) => value) as [string, string][]).toString()

const authorized = async (path: string): Promise<Response> => {
  const response = await fetch(path, { headers: token ? { Authorization: `Bearer ${token}` } : {} })
  if (response.status === 401) throw new NeedsToken('This collector needs its dashboard token.')
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`)
  return response
}

const get = async <T,>(path: string): Promise<T> => (await authorized(path)).json()

// A download through fetch, so that the token travels in a header: the whole file is read
// first, and a reply cut off halfway fails here instead of saving half a file.
const download = async (path: string, name: string) => {
  const blob = await (await authorized(path)).blob()
  const link = document.createElement('a')
  link.href = URL.createObjectURL(blob)
  link.download = name
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(link.href), 60_000)
}

const TokenForm = ({ onToken }: { onToken: () => void }) => (
  <form
    class="token"
    onSubmit={(event) => {
      event.preventDefault()
      const given = (new FormData(event.currentTarget).get('token') as string).trim()
      token = given
      tokenStore.set(given)
      onToken()
    }}
  >
    <label>
      Dashboard token
      <input name="token" type="password" autocomplete="off" required />
    </label>
    <button class="button" type="submit">
      Open the results
    </button>
  </form>
)

const scoreText = (survey: SurveySummary) =>
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

const Card = ({ survey, points, by }: { survey: Results['summary'][number]; points: TrendPoint[]; by: string }) => (
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
        <h3>By {by}</h3>
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

const Dashboard = () => {
  const params = new URLSearchParams(location.search)
  const [filters, setFilters] = useState<Filters>({
    survey: params.get('survey') ?? '',
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
    by: dimensions.includes(params.get('by') ?? '') ? params.get('by')! : '',
    period: params.get('period') === 'day' ? 'day' : 'week'
  })
  const [results, setResults] = useState<Results>()
  const [problem, setProblem] = useState('')
  const [needsToken, setNeedsToken] = useState(false)
  const [attempt, setAttempt] = useState(0)

  useEffect(() => {
    history.replaceState(null, '', `?${query(filters)}`)
    const { period, by, ...filter } = filters
    // With both dates in order, each score is set against the period of equal length before.
    const compare: Record<string, string> = filter.from && filter.to && filter.from <= filter.to ? { compare: 'previous' } : {}
    Promise.all([
      get<{ surveys: Results['summary'] }>(`/api/summary?${query(filter, { ...compare, by })}`),
      get<{ surveys: SurveySummary[] }>('/api/summary'),
      get<Results & { surveys: Results['trend'] }>(`/api/trend?${query(filter, { period })}`),
      get<{ answers: StoredAnswer[] }>(`/api/answers?${query(filter, { comments: '1', limit: '10' })}`)
    ]).then(
      ([summary, all, trend, comments]) => {
        setProblem('')
        setNeedsToken(false)
        setResults({ summary: summary.surveys, all: all.surveys, trend: trend.surveys, comments: comments.answers })
      },
      (error: Error) => {
        setNeedsToken(error instanceof NeedsToken)
        setProblem(error.message)
      }
    )
  }, [filters, attempt])

  const set = (key: keyof Filters) => (event: Event) => setFilters({ ...filters, [key]: (event.currentTarget as HTMLInputElement).value })
  const { period, by, ...filter } = filters
  return (
    <>
      <header>
        <h1>sayso results</h1>
        <label>
          Survey
          <select value={filters.survey} onChange={set('survey')}>
            <option value="">All surveys</option>
            {results?.all.map((survey) => (
              <option key={survey.surveyId} value={survey.surveyId}>
                {survey.surveyId}
              </option>
            ))}
          </select>
        </label>
        <label>
          From
          <input type="date" value={filters.from} onChange={set('from')} />
        </label>
        <label>
          To
          <input type="date" value={filters.to} onChange={set('to')} />
        </label>
        <label>
          Split by
          <select value={by} onChange={set('by')}>
            <option value="">nothing</option>
            {dimensions.map((dimension) => (
              <option key={dimension} value={dimension}>
                {dimension}
              </option>
            ))}
          </select>
        </label>
        <label>
          Trend by
          <select value={period} onChange={set('period')}>
            <option value="week">week</option>
            <option value="day">day</option>
          </select>
        </label>
        <button
          class="button"
          type="button"
          onClick={() => download(`/api/answers.csv?${query(filter)}`, 'sayso-answers.csv').catch((error: Error) => setProblem(`The download failed: ${error.message}`))}
        >
          Download CSV
        </button>
      </header>
      <main>
        {problem && <p class="problem" role="alert">{problem}</p>}
        {needsToken && <TokenForm onToken={() => setAttempt(attempt + 1)} />}
        {results && !results.summary.length && <p class="empty">No answers yet.</p>}
        <section class="cards" aria-label="Scores">
          {results?.summary.map((survey) => (
            <Card
              key={survey.surveyId + survey.type}
              survey={survey}
              by={by}
              points={results.trend.find((t) => t.surveyId === survey.surveyId && t.type === survey.type)?.points ?? []}
            />
          ))}
        </section>
        {results && (
          <section class="comments" aria-labelledby="comments-title">
            <h2 id="comments-title">Latest comments</h2>
            {results.comments.length ? (
              <ol>
                {results.comments.map((answer) => (
                  <li key={answer.id}>
                    <span class={`badge ${segmentOf(answer.type, answer.score)}`}>{answer.score}</span>
                    <span class="meta">
                      {answer.surveyId} · {new Date(answer.createdAt).toLocaleString()}
                    </span>
                    <span class="comment">{answer.comment}</span>
                  </li>
                ))}
              </ol>
            ) : (
              <p class="empty">No comments in this range.</p>
            )}
          </section>
        )}
      </main>
    </>
  )
}

const app = document.getElementById('app')!
app.replaceChildren()
render(<Dashboard />, app)
