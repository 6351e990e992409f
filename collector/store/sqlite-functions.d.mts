import type Database from 'better-sqlite3'

/** Adds `sayso_lower(text)` (lower case, Unicode too) to a connection. */
export declare const addSqliteFunctions: (db: Database.Database) => void
