import { Worker } from 'node:worker_threads'
import type Database from 'better-sqlite3'

/** Where the SQLite store's reads run. */
export interface SqliteReads {
  all(sql: string, params: unknown[]): Promise<Record<string, unknown>[]>
  close(): Promise<void>
}

/** On the connection itself: for a database in memory, which no other connection can open. */
export const readsInThread = (db: Database.Database): SqliteReads => ({
  all: async (sql, params) => db.prepare(sql).all(...params) as Record<string, unknown>[],
  close: async () => {}
})

/**
 * In a worker thread with a read-only connection of its own (sqlite-read-worker.mjs):
 * better-sqlite3 is synchronous, so a read on the main thread — a long export, a
 * filter that counts every answer — would hold up every answer arriving meanwhile.
 * The thread starts at the first read and again after a failure.
 */
export const readsInWorker = (file: string): SqliteReads => {
  const pending = new Map<number, { resolve: (rows: Record<string, unknown>[]) => void; reject: (error: Error) => void }>()
  let worker: Worker | undefined
  let nextId = 0

  const failAll = (error: Error) => {
    for (const { reject } of pending.values()) reject(error)
    pending.clear()
    worker = undefined
  }
  const start = () => {
    const started = new Worker(new URL('./sqlite-read-worker.mjs', import.meta.url), { workerData: { file } })
    started.on('message', ({ id, rows, error }) => {
      const waiting = pending.get(id)
      pending.delete(id)
      if (error) waiting?.reject(Object.assign(new Error(error.message), { code: error.code }))
      else waiting?.resolve(rows)
    })
    started.on('error', failAll)
    started.on('exit', (code) => failAll(new Error(`the SQLite read thread stopped (${code})`)))
    return started
  }

  return {
    all: (sql, params) =>
      new Promise((resolve, reject) => {
        const id = nextId++
        pending.set(id, { resolve, reject })
        ;(worker ??= start()).postMessage({ id, sql, params })
      }),
    async close() {
      const stopping = worker
      worker = undefined
      await stopping?.terminate()
    }
  }
}
