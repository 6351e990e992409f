import type { Logger } from 'pino'
import { createStore, isPostgres } from '../store/create-store'
import { createPostgresStore, type PostgresStore } from '../store/postgres-store'
import { createSqliteStore } from '../store/sqlite-store'
import { postgresHooks } from './postgres-hooks'
import { sqliteHooks, type HookSettings } from './sqlite-hooks'
import type { Store } from '../store/store'

/**
 * createStore, with each matching answer's hook deliveries recorded in the transaction
 * that stores it (`store.hooks` is then their ledger). Without hooks: createStore itself.
 */
export const createStoreWithHooks = async (databaseUrl: string, settings: HookSettings, logger?: Pick<Logger, 'warn'>): Promise<Store | PostgresStore> => {
  if (!settings.hooks.length) return createStore(databaseUrl, logger)
  if (isPostgres(databaseUrl)) return createPostgresStore(databaseUrl, { logger, hooks: postgresHooks(settings) })
  return createSqliteStore(databaseUrl, { hooks: sqliteHooks(settings) })
}
