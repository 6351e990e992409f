import { createHmac, timingSafeEqual } from 'node:crypto'

/** What a link survey's address says about its answer: the link's own token `t` and the person `u`. */
export interface LinkFields {
  t?: string
  u?: string
}

/**
 * A link survey's `sig` (docs/collector.md, "Who may do what"): the first 32 hex characters of
 * HMAC-SHA256(LINK_SECRET, `<surveyId>\n<t>\n<u>`), an absent `t` or `u` being
 * the empty string. The score and any other parameter are not signed: whoever
 * holds the link may choose another score, never another person or token.
 */
export const linkSignature = (secret: string, surveyId: string, { t = '', u = '' }: LinkFields): string =>
  createHmac('sha256', secret).update(`${surveyId}\n${t}\n${u}`).digest('hex').slice(0, 32)

/** Whether a link's query carries a valid `sig` for its survey; `t`, `u` and `sig` may each appear once. */
export const hasValidSignature = (secret: string, surveyId: string, query: URLSearchParams): boolean => {
  if (['t', 'u', 'sig'].some((name) => query.getAll(name).length > 1)) return false
  const given = (query.get('sig') ?? '').toLowerCase()
  if (!/^[0-9a-f]{32}$/.test(given)) return false
  const wanted = linkSignature(secret, surveyId, { t: query.get('t') ?? undefined, u: query.get('u') ?? undefined })
  return timingSafeEqual(Buffer.from(given), Buffer.from(wanted))
}

/** A signed link to `/s/<surveyId>`, with a score when given and the other parameters after it. */
export const signedLink = (
  base: string,
  secret: string,
  surveyId: string,
  { t, u, score, others = [] }: LinkFields & { score?: number; others?: [string, string][] }
): string => {
  const query = new URLSearchParams()
  if (score !== undefined) query.set('score', String(score))
  if (t !== undefined) query.set('t', t)
  if (u !== undefined) query.set('u', u)
  for (const [name, value] of others) query.append(name, value)
  query.set('sig', linkSignature(secret, surveyId, { t, u }))
  return `${base.replace(/\/+$/, '')}/s/${encodeURIComponent(surveyId)}?${query}`
}
