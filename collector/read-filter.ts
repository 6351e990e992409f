import type { AnswerFilter, Cursor } from './store'

const day = /^\d{4}-\d{2}-\d{2}$/

/**
 * The filters of a read from its query: `survey`, `from` and `to` (dates,
 * `to` inclusive, or ISO times), `url` (exact, or a prefix ending in `*`).
 * Returns the problems instead when a value cannot be read.
 */
export const readFilter = (query: URLSearchParams): { filter: AnswerFilter } | { problems: string[] } => {
  const problems: string[] = []
  const time = (name: string, endOfDay: boolean) => {
    const value = query.get(name)
    if (!value) return undefined
    const date = new Date(day.test(value) ? `${value}T00:00:00.000Z` : value)
    if (Number.isNaN(date.getTime())) return void problems.push(`${name}: expected a date such as 2026-11-22, got ${JSON.stringify(value)}`)
    // A day given as `to` includes that whole day.
    if (endOfDay && day.test(value)) date.setUTCDate(date.getUTCDate() + 1)
    return date.toISOString()
  }
  const filter: AnswerFilter = {
    surveyId: query.get('survey') || undefined,
    from: time('from', false),
    to: time('to', true),
    url: query.get('url') || undefined
  }
  return problems.length ? { problems } : { filter }
}

export const encodeCursor = (cursor: Cursor) => Buffer.from(JSON.stringify([cursor.createdAt, cursor.id])).toString('base64url')

export const decodeCursor = (text: string | null): Cursor | undefined => {
  if (!text) return undefined
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(text, 'base64url').toString())
    return typeof createdAt === 'string' && typeof id === 'string' ? { createdAt, id } : undefined
  } catch {
    return undefined
  }
}
