import type { AnswerFilter, Dimension } from '../store/store'

/** What `GET /api/summary` is asked for beyond the filter. */
export interface SummaryOptions {
  by?: Dimension
  /** The filter of the preceding period of equal length, for `compare=previous`. */
  previous?: AnswerFilter
}

const attribute = /^attributes\.([\w.-]{1,100})$/
const expectedBy = 'by: expected locale, device, path or attributes.<key> (a key of letters, digits, _ . -)'

/**
 * `by` of a query as a Dimension (undefined without one): the summary's segments, and the
 * segment a read of answers keeps. Returns the problem instead when `by` names none.
 */
export const readDimension = (by: string | null): { by?: Dimension } | { problem: string } => {
  if (by === null) return {}
  if (by === 'locale' || by === 'device' || by === 'path') return { by }
  const key = attribute.exec(by)?.[1]
  return key ? { by: { attribute: key } } : { problem: `${expectedBy}, got ${JSON.stringify(by.slice(0, 60))}` }
}

/**
 * `by` and `compare` of a summary's query: the segments, and the period to compare with —
 * the one just before `from`, as long as `from`…`to`. Returns the problems instead when a
 * value cannot be used.
 */
export const readSummaryOptions = (query: URLSearchParams, filter: AnswerFilter): { options: SummaryOptions } | { problems: string[] } => {
  const problems: string[] = []
  const options: SummaryOptions = {}
  const dimension = readDimension(query.get('by'))
  if ('problem' in dimension) problems.push(dimension.problem)
  else if (dimension.by) options.by = dimension.by
  const compare = query.get('compare')
  if (compare === 'previous') {
    if (!filter.from || !filter.to) problems.push('compare=previous: needs from and to, so that the period before is as long')
    else {
      const from = Date.parse(filter.from)
      const length = Date.parse(filter.to) - from
      if (length <= 0) problems.push('compare=previous: from must be before to')
      // Before 1970 neither database stores an answer: the earlier period starts there.
      else options.previous = { ...filter, from: new Date(Math.max(0, from - length)).toISOString(), to: filter.from }
    }
  } else if (compare !== null) problems.push(`compare: expected previous, got ${JSON.stringify(compare.slice(0, 60))}`)
  return problems.length ? { problems } : { options }
}
