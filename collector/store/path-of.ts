/**
 * The path of an answer's URL, as `by=path` splits by it: the part after the origin, up to a
 * query or a fragment (`/checkout` of `https://shop.example/checkout?x#y`; `/` when there is
 * none). One rule, written twice: in JavaScript, which fills the `path` column as answers
 * arrive, and in SQL, which fills it for rows stored before the column, and (a trigger) for a
 * row an older collector beside this one writes without it. test/unit/path-of.test.ts checks
 * that both agree. Segments read the column itself: PostgreSQL knows its values and counts
 * its groups in a hash table, where an expression made it sort a million rows.
 */
export const pathOf = (url: string) => {
  const scheme = url.indexOf('://')
  const afterScheme = scheme >= 0 ? url.slice(scheme + 3) : url
  // Without its query and fragment first: a slash in `?next=/cart` is not the path's.
  const located = afterScheme.split('?')[0].split('#')[0]
  const slash = located.indexOf('/')
  return slash >= 0 ? located.slice(slash) : '/'
}

/** Where `part` starts in `text`, from 1; 0 when it is not there (SQLite's instr, PostgreSQL's strpos). */
export type IndexOf = (text: string, part: string) => string

/** pathOf in SQL, on the column or expression `url`. */
export const pathSql = (url: string, indexOf: IndexOf) => {
  const afterScheme = `CASE WHEN ${indexOf(url, "'://'")} > 0 THEN substr(${url}, ${indexOf(url, "'://'")} + 3) ELSE ${url} END`
  const cut = (text: string, at: string) => `CASE WHEN ${indexOf(text, at)} > 0 THEN substr(${text}, 1, ${indexOf(text, at)} - 1) ELSE ${text} END`
  const located = cut(cut(afterScheme, "'?'"), "'#'")
  return `CASE WHEN ${indexOf(located, "'/'")} > 0 THEN substr(${located}, ${indexOf(located, "'/'")}) ELSE '/' END`
}
