// The SQLite store's reads, in a thread of their own (sqlite-reads.ts): a read of the results,
// however long, never holds up the answers arriving on the main thread. WAL mode lets this
// connection read while the main one writes.
import { parentPort, workerData } from 'node:worker_threads'
import Database from 'better-sqlite3'
import { addSqliteFunctions } from './sqlite-functions.mjs'

const db = new Database(workerData.file, { readonly: true, fileMustExist: true })
db.pragma('busy_timeout = 5000')
addSqliteFunctions(db)
// The statements differ by the shape of a filter only (its values are parameters): a few dozen.
const statements = new Map()

parentPort.on('message', ({ id, sql, params }) => {
  try {
    let statement = statements.get(sql)
    if (!statement) statements.set(sql, (statement = db.prepare(sql)))
    parentPort.postMessage({ id, rows: statement.all(...params) })
  } catch (error) {
    parentPort.postMessage({ id, error: { message: error.message, code: error.code } })
  }
})
