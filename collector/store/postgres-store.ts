import pg from 'pg'
import type { Logger } from 'pino'
import { answersSql, type AnswersDialect } from './answers-sql'
import { attributeKeysSql, type AttributeKeysDialect } from './attribute-keys-sql'
import { reasonSql, segmentSql, summarySql, toPeriodCounts, toReasonCounts, toSegmentCounts, toSurveyCounts, trendSql } from './counts-sql'
import type { PostgresHookBinding } from '../hooks/postgres-hooks'
import { pathOf } from './path-of'
import { createPostgresSchema, postgresIndexOf, postgresTruth } from './postgres-schema'
import { transaction } from './postgres-transaction'
import { mergeCopies, rowToAnswer, type Row, type Store } from './store'
import { isUnreachable, storeError } from './store-unavailable'

const columns = ['id', 'survey_id', 'type', 'score', 'comment', 'reasons', 'complete', 'dismissed', 'device', 'created_at', 'received_at', 'updated_at', 'url', 'path', 'locale', 'visitor_id', 'user_id', 'attributes', 'sdk']

// As in SQLite: the first score decides; later copies may add a comment or reasons, finish the
// answer, or say that its display was dismissed.
const conflictSql = `
  ON CONFLICT (id) DO UPDATE SET
    score = COALESCE(answers.score, EXCLUDED.score),
    dismissed = answers.dismissed OR EXCLUDED.dismissed,
    device = COALESCE(answers.device, EXCLUDED.device),
    comment = COALESCE(EXCLUDED.comment, answers.comment),
    reasons = COALESCE(EXCLUDED.reasons, answers.reasons),
    complete = answers.complete OR EXCLUDED.complete,
    updated_at = CASE
      WHEN (EXCLUDED.complete AND NOT answers.complete) OR (EXCLUDED.comment IS NOT NULL AND answers.comment IS NULL)
        OR (EXCLUDED.reasons IS NOT NULL AND answers.reasons IS NULL) OR (EXCLUDED.score IS NOT NULL AND answers.score IS NULL)
        OR (EXCLUDED.dismissed AND NOT answers.dismissed)
      THEN EXCLUDED.updated_at ELSE answers.updated_at END
`

const dialect: AnswersDialect & AttributeKeysDialect = {
  ...postgresTruth,
  placeholder: (index) => `$${index}`,
  answerDay: "(created_at AT TIME ZONE 'UTC')::date",
  // Weeks start on Monday; as a timestamp without time zone, so that the session's zone plays no part.
  periodOf: { day: (day) => day, week: (day) => `date_trunc('week', ${day}::timestamp)` },
  periodText: (period) => `to_char(${period}::timestamp, 'YYYY-MM-DD')`,
  indexOf: postgresIndexOf,
  allAnswers: 'answers',
  answersWithReasons: 'answers',
  attributeOf: (key, add) => `attributes ->> ${add(key)}`,
  reasonsOf: (column) => `jsonb_array_elements_text(${column}) AS reason(value)`,
  // Unicode too, by the database's locale (C.UTF-8 and the ICU ones fold "Über").
  lowerCase: (text) => `lower(${text})`,
  keysOf: (column) => `jsonb_object_keys(${column}) AS attribute(key)`,
  isSegmentKey: (key) => `${key} ~ '^[A-Za-z0-9_.-]{1,100}$'`,
  bytewise: (text) => `${text} COLLATE "C"`
}

const schemaOf = (url: string) => {
  try {
    return new URL(url).searchParams.get('schema') || 'public'
  } catch {
    return 'public'
  }
}

export interface PostgresStore extends Store {
  /** The connections, also for the rate limits that several collectors share. */
  pool: pg.Pool
}

export interface PostgresOptions {
  /** The schema for the tables (created when missing): `?schema=` of the URL, else `public`. */
  schema?: string
  /** Where a lost connection is told; the pool replaces it on the next query. */
  logger?: Pick<Logger, 'warn'>
  /** The webhooks (collector/hooks/postgres-hooks.ts): their deliveries are recorded in each batch's transaction. */
  hooks?: (pool: pg.Pool) => PostgresHookBinding
}

/**
 * PostgreSQL through `pg`, for several collector processes behind a load
 * balancer: the schema is created on start (under an advisory lock, so that
 * processes starting together do not race), and each batch is one upsert.
 *
 * A database that is down does not stop the collector: a lost connection is
 * replaced on the next query, every call rejects with StoreUnavailable until the
 * database is back, and a schema that could not be created at start is created
 * then. Only a database that refuses the collector for good (a wrong password, a
 * missing database) fails the start.
 */
export const createPostgresStore = async (url: string, { schema = schemaOf(url), logger, ...options }: PostgresOptions = {}): Promise<PostgresStore> => {
  if (!/^[a-z_][a-z0-9_]{0,62}$/i.test(schema)) throw new Error(`schema: expected letters, digits and _ (at most 63), got ${JSON.stringify(schema)}`)
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    options: `-c search_path=${schema}`,
    // A database that does not answer is given up in time for the SDK's own 15 s.
    connectionTimeoutMillis: 5000,
    query_timeout: 10_000,
    keepAlive: true
  })
  // An idle connection that the database closes (a restart, a failover) is reported here;
  // without this listener its 'error' event would end the process.
  pool.on('error', (error) => logger?.warn({ error: { message: error.message, code: (error as { code?: string }).code } }, 'lost a database connection; the pool opens a new one when needed'))
  const hooks = options.hooks?.(pool)

  let schemaReady: Promise<void> | undefined
  const prepared = () =>
    (schemaReady ??= createPostgresSchema(pool, schema)
      .then(() => hooks?.prepare())
      .catch((error) => {
        schemaReady = undefined
        throw error
      }))
  await prepared().catch((error) => {
    if (!isUnreachable(error)) throw error
  })

  const query = async (sql: string, params: unknown[] = []) => {
    try {
      await prepared()
      return await pool.query(sql, params)
    } catch (error) {
      throw storeError(error)
    }
  }

  return {
    pool,
    hooks: hooks?.ledger,
    async upsert(answers) {
      const rows = mergeCopies(answers)
      if (!rows.length) return
      const now = new Date().toISOString()
      const params = rows.flatMap((answer) => [
        answer.id,
        answer.surveyId,
        answer.type,
        answer.score ?? null,
        answer.comment ?? null,
        answer.reasons ? JSON.stringify(answer.reasons) : null,
        answer.complete,
        !!answer.dismissed,
        answer.device ?? null,
        answer.createdAt,
        now,
        now,
        answer.url,
        pathOf(answer.url),
        answer.locale,
        answer.visitorId,
        answer.userId ?? null,
        answer.attributes ? JSON.stringify(answer.attributes) : null,
        answer.sdk
      ])
      const values = rows.map((_, row) => `(${columns.map((__, column) => `$${row * columns.length + column + 1}`).join(', ')})`)
      const sql = `INSERT INTO answers (${columns.join(', ')}) VALUES ${values.join(', ')} ${conflictSql}`
      if (!hooks) {
        await query(sql, params)
        return
      }
      try {
        await prepared()
        await transaction(pool, async (client) => {
          await client.query(sql, params)
          await hooks.record(
            client,
            rows.map((answer) => answer.id),
            Date.parse(now)
          )
        })
      } catch (error) {
        throw storeError(error)
      }
      hooks.recorded()
    },
    async scoreCounts(filter = {}) {
      const { sql, params } = summarySql(filter, dialect)
      const { rows } = await query(sql, params)
      return rows.map(toSurveyCounts)
    },
    async segmentCounts(filter, by) {
      const { sql, params } = segmentSql(filter, by, dialect)
      const { rows } = await query(sql, params)
      return rows.map(toSegmentCounts)
    },
    async reasonCounts(filter, by) {
      const { sql, params } = reasonSql(filter, by, dialect)
      const { rows } = await query(sql, params)
      return rows.map(toReasonCounts)
    },
    async scoreTrend(filter, period) {
      const { sql, params } = trendSql(filter, period, dialect)
      const { rows } = await query(sql, params)
      return rows.map(toPeriodCounts)
    },
    async answers(options = {}) {
      const { sql, params } = answersSql(options, dialect)
      const { rows } = await query(sql, params)
      return (rows as Row[]).map(rowToAnswer)
    },
    async attributeKeys(filter) {
      const { sql, params } = attributeKeysSql(filter, dialect)
      const { rows } = await query(sql, params)
      return rows.map((row) => String(row.key))
    },
    ready: () => query('SELECT 1').then(
      () => true,
      () => false
    ),
    async close() {
      await hooks?.close()
      await pool.end()
    }
  }
}
