import { createPostgresStore } from './postgres-store'
import { createSqliteStore } from './sqlite-store'
import type { Store } from './store'

/** PostgreSQL for a `postgres://` URL; otherwise an SQLite file at that path. */
export const createStore = async (databaseUrl: string): Promise<Store> =>
  /^postgres(ql)?:\/\//.test(databaseUrl) ? createPostgresStore(databaseUrl) : createSqliteStore(databaseUrl)
