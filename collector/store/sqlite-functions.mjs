// The SQL functions of sayso's own that SQLite statements call (answers-sql.ts), added to every
// connection that runs them: the main one, and the read thread's (sqlite-read-worker.mjs).
// Plain JavaScript, so that the read thread loads it as it is.

/** @param {import('better-sqlite3').Database} db */
export const addSqliteFunctions = (db) => {
  // SQLite's own lower() knows only ASCII: "über" would not find "Über".
  db.function('sayso_lower', { deterministic: true }, (text) => (typeof text === 'string' ? text.toLowerCase() : text))
}
