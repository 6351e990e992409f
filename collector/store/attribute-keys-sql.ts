import { filterSql } from './filter-sql'
import type { AnswerFilter } from './store'

/** At most this many keys: a select of them stays one a person can read. */
export const MAX_ATTRIBUTE_KEYS = 50

/** How one database spells the keys of a JSON object. */
export interface AttributeKeysDialect {
  placeholder: (index: number) => string
  /** A FROM item named `attribute`, one row per key of the JSON object in `column`, in `attribute.key` (none for NULL). */
  keysOf: (column: string) => string
  /** Whether a key is one `by=attributes.<key>` takes: 1 to 100 of A–Z a–z 0–9 _ . - (read-summary-options.ts). */
  isSegmentKey: (key: string) => string
  /** Text that sorts by its bytes, whatever the database's collation. */
  bytewise: (text: string) => string
}

/**
 * `GET /api/attributes`'s SQL: the distinct keys of the attributes of the answers and displays
 * in the filter (a segment counts both), sorted, at most MAX_ATTRIBUTE_KEYS.
 */
export const attributeKeysSql = (filter: AnswerFilter, dialect: AttributeKeysDialect) => {
  const { where, params } = filterSql(filter, dialect.placeholder)
  return {
    sql: `SELECT DISTINCT ${dialect.bytewise('attribute.key')} AS key
          FROM (SELECT attributes FROM answers ${where}) AS shown, ${dialect.keysOf('shown.attributes')}
          WHERE ${dialect.isSegmentKey('attribute.key')} ORDER BY key LIMIT ${MAX_ATTRIBUTE_KEYS}`,
    params
  }
}
