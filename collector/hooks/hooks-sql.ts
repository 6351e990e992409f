// The hook deliveries' SQL, for both databases. Times are whole ms since 1970 (INTEGER in
// SQLite, BIGINT in PostgreSQL), so that one comparison serves both. Written with `?`;
// PostgreSQL's statements number them (numbered()).

const table = (integer: string, text: string) => `
  CREATE TABLE IF NOT EXISTS hook_deliveries (
    answer_id ${text} NOT NULL REFERENCES answers (id) ON DELETE CASCADE,
    hook_index INTEGER NOT NULL,
    hook_url ${text} NOT NULL,
    -- 'pending' (waiting to settle, due, or failing), 'delivered' or 'given-up'
    state ${text} NOT NULL DEFAULT 'pending',
    due_at ${integer} NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    first_tried_at ${integer},
    last_tried_at ${integer},
    last_error ${text},
    last_error_at ${integer},
    delivered_at ${integer},
    -- A worker's claim: nobody else posts this delivery before leased_until.
    leased_until ${integer},
    claim ${text},
    PRIMARY KEY (answer_id, hook_index)
  );
  CREATE INDEX IF NOT EXISTS hook_deliveries_due ON hook_deliveries (due_at) WHERE state = 'pending';
  CREATE INDEX IF NOT EXISTS hook_deliveries_errors ON hook_deliveries (hook_index, last_error_at) WHERE last_error_at IS NOT NULL;
`

export const sqliteSchema = table('INTEGER', 'TEXT')
export const postgresSchema = table('BIGINT', 'TEXT')

/** `?` → `$1`, `$2`, … for PostgreSQL. */
export const numbered = (sql: string) => {
  let index = 0
  return sql.replace(/\?/g, () => `$${++index}`)
}

const recordValues = '(?, ?, ?, ?)'

/**
 * One delivery per answer and hook, whatever the copies: a later copy (the comment, the
 * end of the follow-up) only brings a delivery that was never tried forward.
 */
export const recordSql = (rows: number) => `
  INSERT INTO hook_deliveries (answer_id, hook_index, hook_url, due_at)
  VALUES ${Array.from({ length: rows }, () => recordValues).join(', ')}
  ON CONFLICT (answer_id, hook_index) DO UPDATE SET
    due_at = CASE WHEN excluded.due_at < hook_deliveries.due_at THEN excluded.due_at ELSE hook_deliveries.due_at END
  WHERE hook_deliveries.state = 'pending' AND hook_deliveries.attempts = 0
`

// What may be claimed at ? (now): pending, due, and no other worker's lease running.
const claimable = `state = 'pending' AND due_at <= ? AND (leased_until IS NULL OR leased_until <= ?)`
const claimed = 'answer_id, hook_index, hook_url, attempts, first_tried_at, claim'

/** Parameters: lease end, claim, now; now, now, limit. */
export const sqliteClaimSql = `
  UPDATE hook_deliveries SET leased_until = ?, claim = ?, first_tried_at = COALESCE(first_tried_at, ?)
  WHERE rowid IN (SELECT rowid FROM hook_deliveries WHERE ${claimable} ORDER BY due_at LIMIT ?)
  RETURNING ${claimed}
`

/**
 * The same for PostgreSQL, where several collectors claim at once: a row another
 * transaction is claiming is skipped, not waited for and then claimed a second time.
 */
export const postgresClaimSql = numbered(`
  UPDATE hook_deliveries SET leased_until = ?, claim = ?, first_tried_at = COALESCE(first_tried_at, ?)
  WHERE (answer_id, hook_index) IN (
    SELECT answer_id, hook_index FROM hook_deliveries WHERE ${claimable} ORDER BY due_at LIMIT ? FOR UPDATE SKIP LOCKED
  )
  RETURNING ${claimed}
`)

const ofClaim = 'WHERE answer_id = ? AND hook_index = ? AND claim = ?'

/** Parameters: now, now; the claim. */
export const deliveredSql = `
  UPDATE hook_deliveries SET state = 'delivered', delivered_at = ?, last_tried_at = ?, leased_until = NULL, claim = NULL ${ofClaim}
`

/** Parameters: state, due, error, now, now; the claim. */
export const failedSql = `
  UPDATE hook_deliveries SET state = ?, due_at = ?, attempts = attempts + 1, last_error = ?, last_error_at = ?, last_tried_at = ?,
    leased_until = NULL, claim = NULL ${ofClaim}
`

/** Parameters: the claim. */
export const releaseSql = `UPDATE hook_deliveries SET leased_until = NULL, claim = NULL ${ofClaim}`

export const nextDueSql = `
  SELECT MIN(CASE WHEN leased_until > due_at THEN leased_until ELSE due_at END) AS next FROM hook_deliveries WHERE state = 'pending'
`

export const countsSql = `
  SELECT hook_index,
    SUM(CASE WHEN state = 'delivered' THEN 1 ELSE 0 END) AS delivered,
    SUM(CASE WHEN state = 'pending' AND attempts = 0 THEN 1 ELSE 0 END) AS pending,
    SUM(CASE WHEN state = 'pending' AND attempts > 0 THEN 1 ELSE 0 END) AS failing,
    SUM(CASE WHEN state = 'given-up' THEN 1 ELSE 0 END) AS given_up,
    MAX(delivered_at) AS last_delivered_at
  FROM hook_deliveries GROUP BY hook_index ORDER BY hook_index
`

export const lastErrorsSql = `
  SELECT hook_index, last_error, last_error_at FROM hook_deliveries latest
  WHERE last_error_at = (SELECT MAX(last_error_at) FROM hook_deliveries other WHERE other.hook_index = latest.hook_index)
`
