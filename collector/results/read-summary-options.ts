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
 * `by` and `compare` of a summary's query: the segments, and the period to compare with —
 * the one just before `from`, as long as `from`…`to`. Returns the problems instead when a
 * value cannot be used.
 */
export const readSummaryOptions = (query: URLSearchParams, filter: AnswerFilter): { options: SummaryOptions } | { problems: string[] } => {
  const problems: string[] = []
  const options: SummaryOptions = {}
  const by = query.get('by')
  if (by === 'locale' || by === 'device' || by === 'path') options.by = by
  else if (by !== null) {
    const key = attribute.exec(by)?.[1]
    if (key) options.by = { attribute: key }
    else problems.push(`${expectedBy}, got ${JSON.stringify(by.slice(0, 60))}`)
  }
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
