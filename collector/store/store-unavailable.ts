/**
 * The database cannot be reached now (stopped, restarting, failing over, out of
 * connections, its disk full or locked): the request may succeed later. The
 * collector answers 503 with Retry-After, and the SDK keeps the answers.
 */
export class StoreUnavailable extends Error {
  name = 'StoreUnavailable'
  constructor(cause: unknown) {
    super('the database is unreachable', { cause })
  }
}

// Node's errors for a peer that is gone or cannot be reached.
const networkCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH'])

// PostgreSQL's SQLSTATEs for the same: class 08 (connection exception), 57P01–57P03 (shut down
// by an administrator, crashed, starting up), 53300 (too many connections).
const postgresStates = /^(08...|57P0[123]|53300)$/

// pg's own messages for a connection that died or never came, which carry no code.
const poolMessages = /Connection terminated|timeout exceeded when trying to connect|Query read timeout|not queryable|Client was closed/i

// SQLite: the file is locked past busy_timeout, cannot be opened or written, or the disk is full.
const sqliteCodes = /^SQLITE_(BUSY|LOCKED|IOERR|FULL|CANTOPEN)/

/** Whether an error of a database driver means "unreachable for now" rather than a mistake. */
export const isUnreachable = (error: unknown): boolean => {
  if (!(error instanceof Error)) return false
  const code = (error as { code?: unknown }).code
  if (typeof code === 'string' && (networkCodes.has(code) || postgresStates.test(code) || sqliteCodes.test(code))) return true
  return poolMessages.test(error.message)
}

/** The error to throw for a failed database call: StoreUnavailable when it may pass, else the error itself. */
export const storeError = (error: unknown): unknown => (isUnreachable(error) ? new StoreUnavailable(error) : error)
