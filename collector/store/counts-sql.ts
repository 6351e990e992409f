import { scales, segmentOf, type Segment } from '../../src/wire/scales'
import type { SurveyType } from '../../src/types'
import { filterSql } from './filter-sql'
import type { AnswerFilter, Period, PeriodCounts, SurveyCounts } from './store'

/** How one database spells what the counts need. */
export interface CountsDialect {
  placeholder: (index: number) => string
  /** The UTC day of an answer's `created_at`, as `answer_days` keeps it. */
  answerDay: string
  /** What a trend groups a day column by: the day, or the Monday of its week. */
  periodOf: Record<Period, (day: string) => string>
  /** A period as the trend gives it, `YYYY-MM-DD`. */
  periodText: (period: string) => string
}

/** Every score of every scale: NPS, the widest, goes from 0 to 10. */
export const SCORES = Array.from({ length: 11 }, (_, score) => score)

/** One SQL piece per score, joined by commas: `score_0 = score_0 + …, score_1 = …`. */
export const perScore = (piece: (column: string, score: number) => string) => SCORES.map((score) => piece(`score_${score}`, score)).join(', ')

const scoresOf = (type: SurveyType, segment?: Segment) => {
  const { min, max } = scales[type]
  return SCORES.filter((score) => score >= min && score <= max && (!segment || segmentOf(type, score) === segment))
}

/** Where the counting reads: the days the database keeps, or the answers themselves. */
interface Source {
  from: string
  where: string
  params: unknown[]
  day: string
  /** The number of answers. */
  count: string
  /** The number of answers with one of these scores. */
  countOf: (scores: number[]) => string
  /** The sum of the scores of the answers with one of these. */
  sumOf: (scores: number[]) => string
}

// readFilter gives whole days as UTC midnights.
const midnight = /T00:00:00(\.0+)?Z$/

/**
 * `answer_days` — one row per survey and UTC day (PostgreSQL: a few per day, to
 * spread concurrent writes) with the answers and one column per score, kept by
 * the database with a trigger on each new answer — whenever the filter is whole
 * days of any or one survey: a year of ten surveys is a few thousand rows,
 * whatever the number of answers. A filter on the URL or on a time within a day
 * counts the answers themselves, to the same columns.
 */
const sourceFor = (filter: AnswerFilter, dialect: CountsDialect): Source => {
  const onWholeDays = !filter.url && [filter.from, filter.to].every((time) => time === undefined || midnight.test(time))
  if (!onWholeDays) {
    const { where, params } = filterSql(filter, dialect.placeholder)
    return {
      from: 'answers',
      where,
      params,
      day: dialect.answerDay,
      count: 'COUNT(*)',
      countOf: (scores) => `SUM(CASE WHEN score IN (${scores.join(', ')}) THEN 1 ELSE 0 END)`,
      sumOf: (scores) => `SUM(CASE WHEN score IN (${scores.join(', ')}) THEN score ELSE 0 END)`
    }
  }
  const params: unknown[] = []
  const add = (value: unknown) => {
    params.push(value)
    return dialect.placeholder(params.length)
  }
  const where: string[] = []
  if (filter.surveyId) where.push(`survey_id = ${add(filter.surveyId)}`)
  if (filter.from) where.push(`day >= ${add(filter.from.slice(0, 10))}`)
  if (filter.to) where.push(`day < ${add(filter.to.slice(0, 10))}`)
  return {
    from: 'answer_days',
    where: where.length ? `WHERE ${where.join(' AND ')}` : '',
    params,
    day: 'day',
    count: 'SUM(answers)',
    countOf: (scores) => `SUM(${scores.map((score) => `score_${score}`).join(' + ')})`,
    sumOf: (scores) => `SUM(${scores.map((score) => `${score} * score_${score}`).join(' + ')})`
  }
}

/**
 * The score as docs/collector.md ("Scores") defines it, unrounded: NPS = % promoters − % detractors,
 * CSAT = % of 4–5, CES = the mean; the segments are those of src/wire/scales.ts.
 * In floating point: PostgreSQL's exact numeric is slower and nothing here needs it.
 */
const scoreSql = (source: Source) => `CASE type
    WHEN 'nps' THEN CAST(100 AS DOUBLE PRECISION) * (${source.countOf(scoresOf('nps', 'promoter'))} - ${source.countOf(scoresOf('nps', 'detractor'))}) / ${source.count}
    WHEN 'csat' THEN CAST(100 AS DOUBLE PRECISION) * ${source.countOf(scoresOf('csat', 'high'))} / ${source.count}
    ELSE CAST(1 AS DOUBLE PRECISION) * ${source.sumOf(scoresOf('ces'))} / ${source.count} END`

/**
 * `GET /api/summary`'s SQL, the same for both databases: per survey, the number
 * of answers, the score, and one column per score (`score_0` … `score_10`). To
 * count something more per survey, add a column here and to toSurveyCounts.
 */
export const summarySql = (filter: AnswerFilter, dialect: CountsDialect) => {
  const source = sourceFor(filter, dialect)
  return {
    sql: `SELECT survey_id AS "surveyId", type, ${source.count} AS count, ${scoreSql(source)} AS score,
            ${perScore((column, score) => `${source.countOf([score])} AS ${column}`)}
          FROM ${source.from} ${source.where} GROUP BY survey_id, type`,
    params: source.params
  }
}

/**
 * `GET /api/trend`'s SQL: per survey and day or week, oldest first, the number of
 * answers and the score. Grouped and ordered by the period as a date, made text
 * only for the rows it gives (sorting text by a collation is slower).
 */
export const trendSql = (filter: AnswerFilter, period: Period, dialect: CountsDialect) => {
  const source = sourceFor(filter, dialect)
  const group = dialect.periodOf[period](source.day)
  return {
    sql: `SELECT survey_id AS "surveyId", type, ${dialect.periodText(group)} AS period, ${source.count} AS count, ${scoreSql(source)} AS score
          FROM ${source.from} ${source.where} GROUP BY survey_id, type, ${group} ORDER BY ${group}`,
    params: source.params
  }
}

/** A row of summarySql as either driver returns it (PostgreSQL gives sums as text). */
export const toSurveyCounts = (row: Record<string, unknown>): SurveyCounts => ({
  surveyId: String(row.surveyId),
  type: row.type as SurveyType,
  count: Number(row.count),
  score: Number(row.score),
  byScore: SCORES.map((score) => Number(row[`score_${score}`]))
})

/** A row of trendSql as either driver returns it. */
export const toPeriodCounts = (row: Record<string, unknown>): PeriodCounts => ({
  surveyId: String(row.surveyId),
  type: row.type as SurveyType,
  period: String(row.period),
  count: Number(row.count),
  score: Number(row.score)
})
