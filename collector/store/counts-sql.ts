import { scales, segmentOf, type Segment } from '../../src/wire/scales'
import type { SurveyType } from '../../src/types'
import { filterSql } from './filter-sql'
import type { IndexOf } from './path-of'
import type { AnswerFilter, Dimension, Period, PeriodCounts, ReasonCounts, SegmentCounts, SurveyCounts } from './store'

/** How one database spells what the counts need. */
export interface CountsDialect {
  placeholder: (index: number) => string
  /** A condition as 1 or 0. */
  asNumber: (condition: string) => string
  /** A stored boolean as a condition (SQLite keeps 0 and 1). */
  isTrue: (column: string) => string
  /** The UTC day of an answer's `created_at`, as `answer_days` keeps it. */
  answerDay: string
  /** What a trend groups a day column by: the day, or the Monday of its week. */
  periodOf: Record<Period, (day: string) => string>
  /** A period as the trend gives it, `YYYY-MM-DD`. */
  periodText: (period: string) => string
  indexOf: IndexOf
  /** The answers as a pass over all of them reads them (SQLite: the table itself, not an index). */
  allAnswers: string
  /** The answers with reasons, through the partial index answers_reasons (SQLite's planner would pick another). */
  answersWithReasons: string
  /** An attribute's value as text (`true`, `3`, `pro`), NULL when absent or null; `add` makes a parameter. */
  attributeOf: (key: string, add: (value: unknown) => string) => string
  /** A FROM item named `reason`, one row per value of the JSON list in `column`, in `reason.value` (none for NULL). */
  reasonsOf: (column: string) => string
}

/** Every score of every scale: NPS, the widest, goes from 0 to 10. */
export const SCORES = Array.from({ length: 11 }, (_, score) => score)

/** One SQL piece per score, joined by commas: `score_0 = score_0 + …, score_1 = …`. */
export const perScore = (piece: (column: string, score: number) => string) => SCORES.map((score) => piece(`score_${score}`, score)).join(', ')

/**
 * What `answer_days` counts, one column each: every row is a display (an answer is one
 * too: its survey was shown), `answers` those with a score, `completed` those finished,
 * `dismissed` those closed without a score, and one column per score.
 */
export const COUNTED = ['displays', 'answers', 'completed', 'dismissed', ...SCORES.map((score) => `score_${score}`)]

/**
 * How much one row of `answers` adds to each of COUNTED, as SQL on its columns (`prefix`:
 * `NEW.`, `o.`, or nothing). A display's NULL score is in no score's column: `NULL = 3` is
 * not true, and `FALSE AND NULL` is false.
 */
export const contributions = (prefix: string, { asNumber, isTrue }: Pick<CountsDialect, 'asNumber' | 'isTrue'>): Record<string, string> => {
  const scored = `${prefix}score IS NOT NULL`
  return {
    displays: '1',
    answers: asNumber(scored),
    completed: asNumber(isTrue(`${prefix}complete`)),
    dismissed: asNumber(`${isTrue(`${prefix}dismissed`)} AND ${prefix}score IS NULL`),
    ...Object.fromEntries(SCORES.map((score) => [`score_${score}`, asNumber(`${scored} AND ${prefix}score = ${score}`)]))
  }
}

/** COUNTED joined by commas, each made by `piece`. */
export const perCounted = (piece: (column: string) => string) => COUNTED.map(piece).join(', ')

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
  /** The sum of one of COUNTED. */
  total: (column: string) => string
  /** The number of answers (with a score). */
  count: string
  /** The number of answers with one of these scores. */
  countOf: (scores: number[]) => string
  /** The sum of the scores of the answers with one of these. */
  sumOf: (scores: number[]) => string
}

// readFilter gives whole days as UTC midnights.
const midnight = /T00:00:00(\.0+)?Z$/

/**
 * Counting the answers themselves, in two steps. First one pass over the rows that only counts:
 * per survey, type, `keys` (a segment, a day) and score, the rows, those completed and those
 * dismissed. Then the columns of COUNTED summed from those groups, a few hundred rows at most.
 * Summing a CASE per score over every row instead took 5 to 10 times as long (docs/collector.md).
 */
const answersSource = (where: string, params: unknown[], dialect: CountsDialect, keys: Record<string, string> = {}): Source => {
  const row = contributions('', dialect)
  const keyed = Object.entries(keys).map(([name, value]) => `${value} AS ${name}`)
  const grouped = ['survey_id', 'type', ...keyed, 'score'].map((_, index) => index + 1).join(', ')
  const of = (scores: number[]) => `score IN (${scores.join(', ')})`
  const totals: Record<string, string> = { displays: 'SUM(rows_of)', completed: 'SUM(completed_of)', dismissed: 'SUM(dismissed_of)' }
  return {
    from: `(SELECT survey_id, type, ${[...keyed, ''].join(', ')}score, COUNT(*) AS rows_of, SUM(${row.completed}) AS completed_of,
      SUM(${row.dismissed}) AS dismissed_of FROM ${dialect.allAnswers} ${where} GROUP BY ${grouped}) AS grouped`,
    where: '',
    params,
    // Only a trend counts by day, and its source keys the groups by it.
    day: keys.day ? 'day' : dialect.answerDay,
    total: (column) => {
      if (!totals[column]) throw new Error(`counts-sql: no total of ${column} from grouped answers`)
      return totals[column]
    },
    count: 'SUM(CASE WHEN score IS NOT NULL THEN rows_of ELSE 0 END)',
    countOf: (scores) => `SUM(CASE WHEN ${of(scores)} THEN rows_of ELSE 0 END)`,
    sumOf: (scores) => `SUM(CASE WHEN ${of(scores)} THEN score * rows_of ELSE 0 END)`
  }
}

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
    return answersSource(where, params, dialect, { day: dialect.answerDay })
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
    total: (column) => `SUM(${column})`,
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
const scoreSql = (source: Source) => {
  // NULL where only displays were counted: PostgreSQL refuses to divide by zero.
  const count = `NULLIF(${source.count}, 0)`
  return `CASE type
    WHEN 'nps' THEN CAST(100 AS DOUBLE PRECISION) * (${source.countOf(scoresOf('nps', 'promoter'))} - ${source.countOf(scoresOf('nps', 'detractor'))}) / ${count}
    WHEN 'csat' THEN CAST(100 AS DOUBLE PRECISION) * ${source.countOf(scoresOf('csat', 'high'))} / ${count}
    ELSE CAST(1 AS DOUBLE PRECISION) * ${source.sumOf(scoresOf('ces'))} / ${count} END`
}

/**
 * `GET /api/summary`'s SQL, the same for both databases: per survey, the number
 * of answers, the score, and one column per score (`score_0` … `score_10`). To
 * count something more per survey, add a column here and to toSurveyCounts.
 */
export const summarySql = (filter: AnswerFilter, dialect: CountsDialect) => {
  const source = sourceFor(filter, dialect)
  return {
    sql: `SELECT survey_id AS "surveyId", type, ${countsSql(source)} FROM ${source.from} ${source.where} GROUP BY survey_id, type`,
    params: source.params
  }
}

/** What the summary counts of a group of rows: the columns toSurveyCounts reads. */
const countsSql = (source: Source) => `${source.count} AS count, ${scoreSql(source)} AS score,
  ${source.total('displays')} AS displays, ${source.total('completed')} AS completed, ${source.total('dismissed')} AS dismissed,
  ${perScore((column, score) => `${source.countOf([score])} AS ${column}`)}`

const segmentValueSql = (by: Dimension, dialect: CountsDialect, add: (value: unknown) => string) => {
  if (by === 'locale' || by === 'device') return by
  if (by === 'path') return 'path'
  return dialect.attributeOf(by.attribute, add)
}

/**
 * A segment's value as SQL (NULL without a dimension) with the parameters it takes, which come
 * first; `placeholderAfter` numbers the filter's parameters after them.
 */
export const segmentWithParams = (by: Dimension | undefined, dialect: CountsDialect) => {
  const params: unknown[] = []
  const add = (param: unknown) => {
    params.push(param)
    return dialect.placeholder(params.length)
  }
  const value = by ? segmentValueSql(by, dialect, add) : 'NULL'
  return { value, params, placeholderAfter: (index: number) => dialect.placeholder(params.length + index) }
}

/**
 * `GET /api/summary?by=…`'s SQL: the summary's columns per survey and segment (the locale, the
 * device, the URL's path, or an attribute's value), counted from the answers themselves: the
 * daily counts know no segment. The counts per score are all a segment's score interval needs.
 */
export const segmentSql = (filter: AnswerFilter, by: Dimension, dialect: CountsDialect) => {
  const segment = segmentWithParams(by, dialect)
  const { where, params } = filterSql(filter, segment.placeholderAfter)
  const source = answersSource(where, [], dialect, { segment: segment.value })
  return {
    sql: `SELECT survey_id AS "surveyId", type, segment AS value, ${countsSql(source)} FROM ${source.from} GROUP BY survey_id, type, segment`,
    params: [...segment.params, ...params]
  }
}

/**
 * The reasons the answers gave, counted per survey, segment (with `by`; NULL without) and
 * reason: one row per value of each answer's `reasons` list. Each answer is in one segment, so a
 * survey's counts are the sums of its segments'.
 */
export const reasonSql = (filter: AnswerFilter, by: Dimension | undefined, dialect: CountsDialect) => {
  const segment = segmentWithParams(by, dialect)
  const { where, params } = filterSql({ ...filter, scored: true, withReasons: true }, segment.placeholderAfter)
  return {
    sql: `SELECT shown.survey_id AS "surveyId", shown.type AS type, shown.segment AS segment, reason.value AS reason, COUNT(*) AS count
          FROM (SELECT survey_id, type, reasons, ${segment.value} AS segment FROM ${dialect.answersWithReasons} ${where}) AS shown, ${dialect.reasonsOf('shown.reasons')}
          GROUP BY shown.survey_id, shown.type, shown.segment, reason.value`,
    params: [...segment.params, ...params]
  }
}

/** A row of reasonSql as either driver returns it (PostgreSQL gives counts as text). */
export const toReasonCounts = (row: Record<string, unknown>): ReasonCounts => ({
  surveyId: String(row.surveyId),
  type: row.type as SurveyType,
  segment: row.segment === null ? null : String(row.segment),
  reason: String(row.reason),
  count: Number(row.count)
})

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
  displays: Number(row.displays),
  count: Number(row.count),
  completed: Number(row.completed),
  dismissed: Number(row.dismissed),
  score: Number(row.score),
  byScore: SCORES.map((score) => Number(row[`score_${score}`]))
})

/** A row of segmentSql as either driver returns it. */
export const toSegmentCounts = (row: Record<string, unknown>): SegmentCounts => ({
  ...toSurveyCounts(row),
  value: row.value === null ? null : String(row.value)
})

/** A row of trendSql as either driver returns it. */
export const toPeriodCounts = (row: Record<string, unknown>): PeriodCounts => ({
  surveyId: String(row.surveyId),
  type: row.type as SurveyType,
  period: String(row.period),
  count: Number(row.count),
  score: Number(row.score)
})
