import { segmentWithParams, type CountsDialect } from './counts-sql'
import { filterSql } from './filter-sql'
import type { AnswersPage } from './store'

/** How one database spells what a read of answers needs beyond the counts. */
export interface AnswersDialect extends CountsDialect {
  /** Text in lower case, Unicode too (SQLite's own lower() knows only ASCII). */
  lowerCase: (text: string) => string
}

/**
 * A page of answers' SQL (`GET /api/answers`, the CSV), the same for both databases: the
 * answers with a score in the filter, newest first. A segment is the value `/api/summary?by=`
 * groups by, computed by the same SQL; a search is a plain substring of the comment in lower
 * case (no LIKE, so that `%`, `_` and `\` are what they are).
 */
export const answersSql = ({ limit = 100, search, segment, ...filter }: AnswersPage, dialect: AnswersDialect) => {
  const segmentValue = segmentWithParams(segment?.by, dialect)
  const { where, params: filterParams } = filterSql({ ...filter, scored: true }, segmentValue.placeholderAfter)
  const params = [...segmentValue.params, ...filterParams]
  const add = (value: unknown) => {
    params.push(value)
    return dialect.placeholder(params.length)
  }
  const narrowed: string[] = []
  // `segment=` (empty) asks for the summary's segment of value null, "(not given)" on the
  // dashboard; an empty text tells as little, and the query string cannot tell them apart.
  if (segment?.value === null) narrowed.push(`COALESCE(segment, '') = ''`)
  else if (segment) narrowed.push(`segment = ${add(segment.value)}`)
  if (search) narrowed.push(`${dialect.indexOf(dialect.lowerCase('comment'), dialect.lowerCase(add(search)))} > 0`)
  return {
    sql: `SELECT * FROM (SELECT *, ${segmentValue.value} AS segment FROM answers ${where}) AS shown
          ${narrowed.length ? `WHERE ${narrowed.join(' AND ')}` : ''} ORDER BY created_at DESC, id DESC LIMIT ${add(limit)}`,
    params
  }
}
