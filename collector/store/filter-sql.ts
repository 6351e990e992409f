import type { AnswerFilter, Cursor } from './store'

/**
 * The WHERE clause of a filtered read, with its parameters, for both
 * databases: `?` placeholders for SQLite, `$1…` for PostgreSQL.
 */
export const filterSql = (
  filter: AnswerFilter & { after?: Cursor; withComment?: boolean; scored?: boolean; withReasons?: boolean },
  placeholder: (index: number) => string
) => {
  const params: unknown[] = []
  const add = (value: unknown) => (params.push(value), placeholder(params.length))
  const where: string[] = []
  if (filter.surveyId) where.push(`survey_id = ${add(filter.surveyId)}`)
  if (filter.from) where.push(`created_at >= ${add(filter.from)}`)
  if (filter.to) where.push(`created_at < ${add(filter.to)}`)
  if (filter.url?.endsWith('*')) where.push(`url LIKE ${add(filter.url.slice(0, -1).replace(/[\\%_]/g, '\\$&') + '%')} ESCAPE '\\'`)
  else if (filter.url) where.push(`url = ${add(filter.url)}`)
  if (filter.scored) where.push('score IS NOT NULL')
  if (filter.withComment) where.push(`comment IS NOT NULL AND comment <> ''`)
  // Spelled as the partial index answers_reasons is, so that both databases read only those rows.
  if (filter.withReasons) where.push('reasons IS NOT NULL')
  if (filter.after) where.push(`(created_at, id) < (${add(filter.after.createdAt)}, ${add(filter.after.id)})`)
  return { where: where.length ? `WHERE ${where.join(' AND ')}` : '', params }
}
