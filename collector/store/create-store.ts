import type { Logger } from 'pino'
import { createPostgresStore, type PostgresStore } from './postgres-store'
import { createSqliteStore } from './sqlite-store'
import type { Store } from './store'

/** PostgreSQL for a `postgres://` URL; otherwise an SQLite file at that path. */
export const createStore = async (databaseUrl: string, logger?: Pick<Logger, 'warn'>): Promise<Store | PostgresStore> =>
  isPostgres(databaseUrl) ? createPostgresStore(databaseUrl, { logger }) : createSqliteStore(databaseUrl)

export const isPostgres = (databaseUrl: string) => /^postgres(ql)?:\/\//.test(databaseUrl)
