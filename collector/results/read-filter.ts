import type { AnswerFilter, Cursor } from '../store/store'

const day = /^\d{4}-\d{2}-\d{2}$/
const isoTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/

// Both databases store these years; PostgreSQL refuses year 0 and SQLite compares dates as text.
const storable = (date: Date) => date.getUTCFullYear() >= 1970 && date.getUTCFullYear() <= 9999

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
    if (Number.isNaN(date.getTime()) || !storable(date)) {
      return void problems.push(`${name}: expected a date such as 2026-11-22, got ${JSON.stringify(value.slice(0, 40))}`)
    }
    // A day given as `to` includes that whole day; the last day of year 9999 leaves no end at all.
    if (endOfDay && day.test(value)) date.setUTCDate(date.getUTCDate() + 1)
    return storable(date) ? date.toISOString() : undefined
  }
  // Text that a database can hold: PostgreSQL refuses the NUL character.
  const text = (name: string) => {
    const value = query.get(name) || undefined
    if (value?.includes('\0')) return void problems.push(`${name}: expected text without a NUL character`)
    return value
  }
  const filter: AnswerFilter = { surveyId: text('survey'), from: time('from', false), to: time('to', true), url: text('url') }
  return problems.length ? { problems } : { filter }
}

/** The cursor of the page after `cursor`'s answer, as `next` gives it. */
export const encodeCursor = (cursor: Cursor) => Buffer.from(JSON.stringify([cursor.createdAt, cursor.id])).toString('base64url')

/** The answer a page starts after, from `next`; undefined when the text is no cursor this collector made. */
export const decodeCursor = (text: string): Cursor | undefined => {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(text, 'base64url').toString())
    const valid = typeof createdAt === 'string' && isoTime.test(createdAt) && storable(new Date(createdAt)) && typeof id === 'string' && !id.includes('\0')
    return valid ? { createdAt, id } : undefined
  } catch {
    return undefined
  }
}
