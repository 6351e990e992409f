import type { SurveyType } from '../../src/types'
import { filterSql } from './filter-sql'
import type { AnswerFilter, Period, SurveyCounts } from './store'

/** How one database spells what the counts need. */
export interface CountsDialect {
  placeholder: (index: number) => string
  /** The UTC day of an answer's `created_at`, as the counts table keeps it. */
  answerDay: string
  /** A day column as `YYYY-MM-DD`, or as the Monday of its week. */
  periodOf: Record<Period, (day: string) => string>
}

/** The widest scale is NPS, 0–10: every survey's scores fit in these columns. */
export const SCORE_COLUMNS = 11

const perScore = Array.from({ length: SCORE_COLUMNS }, (_, score) => `SUM(CASE WHEN score = ${score} THEN answers ELSE 0 END) AS score_${score}`)

// readFilter gives whole days as UTC midnights.
const midnight = /T00:00:00(\.0+)?Z$/

const onWholeDays = (filter: AnswerFilter) => !filter.url && [filter.from, filter.to].every((time) => time === undefined || midnight.test(time))

/**
 * The scores' SQL, the same for both databases: per survey (and per period when
 * asked), the number of answers and one column per score (`score_0` … `score_10`).
 *
 * It counts from `answer_counts`, which the database keeps (a trigger adds each new
 * answer to its survey, day and score), whenever the filter is whole days of any or
 * one survey; a filter on the URL or on a time within a day counts the answers
 * themselves. Both give the same rows: `answers` is the number each source row stands for.
 * To count something more per survey, add a column here and to toSurveyCounts.
 */
export const countsSql = (filter: AnswerFilter, period: Period | undefined, dialect: CountsDialect) => {
  const { sql: source, params } = onWholeDays(filter) ? fromDailyCounts(filter, dialect) : fromAnswers(filter, dialect)
  const periodColumn = period ? `${dialect.periodOf[period]('day')} AS period, ` : ''
  const groups = period ? 'survey_id, type, period' : 'survey_id, type'
  return {
    sql: `SELECT survey_id AS "surveyId", type, ${periodColumn}SUM(answers) AS count, ${perScore.join(', ')}
          FROM (${source}) AS counted GROUP BY ${groups} ORDER BY ${groups}`,
    params
  }
}

const fromDailyCounts = (filter: AnswerFilter, dialect: CountsDialect) => {
  const params: unknown[] = []
  const add = (value: unknown) => {
    params.push(value)
    return dialect.placeholder(params.length)
  }
  const where: string[] = []
  if (filter.surveyId) where.push(`survey_id = ${add(filter.surveyId)}`)
  if (filter.from) where.push(`day >= ${add(filter.from.slice(0, 10))}`)
  if (filter.to) where.push(`day < ${add(filter.to.slice(0, 10))}`)
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : ''
  return { sql: `SELECT survey_id, type, day, score, answers FROM answer_counts ${clause}`, params }
}

const fromAnswers = (filter: AnswerFilter, dialect: CountsDialect) => {
  const { where, params } = filterSql(filter, dialect.placeholder)
  return { sql: `SELECT survey_id, type, ${dialect.answerDay} AS day, score, 1 AS answers FROM answers ${where}`, params }
}

/** A row of countsSql as either driver returns it (PostgreSQL gives sums as text). */
export const toSurveyCounts = (row: Record<string, unknown>): SurveyCounts => ({
  surveyId: String(row.surveyId),
  type: row.type as SurveyType,
  ...(row.period !== undefined && row.period !== null && { period: String(row.period) }),
  count: Number(row.count),
  byScore: Array.from({ length: SCORE_COLUMNS }, (_, score) => Number(row[`score_${score}`]))
})
