import pg from 'pg'
import { filterSql } from './filter-sql'
import { mergeCopies, rowToAnswer, type Row, type Store } from './store'
import type { ScoreCount } from './summarize'

const schemaSql = `
  CREATE TABLE IF NOT EXISTS answers (
    id TEXT PRIMARY KEY,
    survey_id TEXT NOT NULL,
    type TEXT NOT NULL,
    score INTEGER NOT NULL,
    comment TEXT,
    complete BOOLEAN NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    received_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    url TEXT NOT NULL,
    locale TEXT NOT NULL,
    visitor_id TEXT NOT NULL,
    user_id TEXT,
    attributes JSONB,
    sdk TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS answers_survey ON answers (survey_id, type, score);
  CREATE INDEX IF NOT EXISTS answers_created ON answers (created_at DESC, id DESC);
`

const columns = ['id', 'survey_id', 'type', 'score', 'comment', 'complete', 'created_at', 'received_at', 'updated_at', 'url', 'locale', 'visitor_id', 'user_id', 'attributes', 'sdk']

// As in SQLite: the first copy decides the score; later copies may add a comment and finish it.
const conflictSql = `
  ON CONFLICT (id) DO UPDATE SET
    comment = COALESCE(EXCLUDED.comment, answers.comment),
    complete = answers.complete OR EXCLUDED.complete,
    updated_at = CASE
      WHEN (EXCLUDED.complete AND NOT answers.complete) OR (EXCLUDED.comment IS NOT NULL AND answers.comment IS NULL)
      THEN EXCLUDED.updated_at ELSE answers.updated_at END
`

const periods = { day: "to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')", week: "to_char(date_trunc('week', created_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD')" }


/**
 * PostgreSQL through `pg`, for several collector processes behind a load
 * balancer: the schema is created on start (under an advisory lock, so that
 * processes starting together do not race), and each batch is one upsert.
 */
export const createPostgresStore = async (url: string, { schema = 'public' } = {}): Promise<Store> => {
  const pool = new pg.Pool({ connectionString: url, max: 10, options: `-c search_path=${schema}` })
  const client = await pool.connect()
  try {
    await client.query(`SELECT pg_advisory_lock(hashtext('sayso schema'))`)
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${pg.escapeIdentifier(schema)}`)
    await client.query(schemaSql)
  } finally {
    await client.query(`SELECT pg_advisory_unlock(hashtext('sayso schema'))`).catch(() => {})
    client.release()
  }
  const placeholder = (index: number) => `$${index}`

  return {
    async upsert(answers) {
      const rows = mergeCopies(answers)
      if (!rows.length) return
      const now = new Date().toISOString()
      const params = rows.flatMap((answer) => [
        answer.id,
        answer.surveyId,
        answer.type,
        answer.score,
        answer.comment ?? null,
        answer.complete,
        answer.createdAt,
        now,
        now,
        answer.url,
        answer.locale,
        answer.visitorId,
        answer.userId ?? null,
        answer.attributes ? JSON.stringify(answer.attributes) : null,
        answer.sdk
      ])
      const values = rows.map((_, row) => `(${columns.map((__, column) => `$${row * columns.length + column + 1}`).join(', ')})`)
      await pool.query(`INSERT INTO answers (${columns.join(', ')}) VALUES ${values.join(', ')} ${conflictSql}`, params)
    },
    async scoreCounts(filter = {}, period) {
      const { where, params } = filterSql(filter, placeholder)
      const by = period ? `, ${periods[period]}` : ''
      const { rows } = await pool.query(
        `SELECT survey_id AS "surveyId", type, score, COUNT(*)::int AS count${by ? `${by} AS period` : ''}
         FROM answers ${where} GROUP BY survey_id, type, score${by}`,
        params
      )
      return rows as ScoreCount[]
    },
    async answers({ limit = 100, ...filter } = {}) {
      const { where, params } = filterSql(filter, placeholder)
      const { rows } = await pool.query(
        `SELECT * FROM answers ${where} ORDER BY created_at DESC, id DESC LIMIT $${params.length + 1}`,
        [...params, limit]
      )
      return (rows as Row[]).map(rowToAnswer)
    },
    close: () => pool.end()
  }
}
