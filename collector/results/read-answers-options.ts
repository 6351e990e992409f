import type { AnswerSelection } from '../store/store'
import { readDimension } from './read-summary-options'

/** The longest `q`: a phrase, not a document. */
export const MAX_SEARCH = 200

/** What a read of answers (`/api/answers`, `/api/answers.csv`) narrows the filter by. */
export type AnswersOptions = Pick<AnswerSelection, 'search' | 'segment'>

/**
 * `q` (text the comment contains) and `by` with `segment` (the value the answers have for
 * `by`, as the summary's segments name it; empty for those without one) of a read of answers.
 * Returns the problems instead when a value cannot be used.
 */
export const readAnswersOptions = (query: URLSearchParams): { options: AnswersOptions } | { problems: string[] } => {
  const problems: string[] = []
  const options: AnswersOptions = {}
  const search = query.get('q')
  // Characters as a person counts them: an emoji is one, not two UTF-16 units.
  const length = search ? [...search].length : 0
  if (search?.includes('\0')) problems.push('q: expected text without a NUL character')
  else if (length > MAX_SEARCH) problems.push(`q: expected at most ${MAX_SEARCH} characters, got ${length}`)
  else if (search) options.search = search

  const dimension = readDimension(query.get('by'))
  const value = query.get('segment')
  if ('problem' in dimension) problems.push(dimension.problem)
  else if (dimension.by && value === null) problems.push('by: needs segment, the value to keep (segment= for the answers without one)')
  else if (!dimension.by && value !== null) problems.push('segment: needs by, what the value is of (locale, device, path or attributes.<key>)')
  else if (value?.includes('\0')) problems.push('segment: expected text without a NUL character')
  else if (dimension.by && value !== null) options.segment = { by: dimension.by, value: value || null }
  return problems.length ? { problems } : { options }
}
