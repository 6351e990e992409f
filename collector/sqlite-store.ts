import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import type { Answer } from '../src/types'
import { filterSql } from './filter-sql'
import { mergeCopies, rowToAnswer, type Row, type Store } from './store'
import type { ScoreCount } from './summarize'

const schema = `
  CREATE TABLE IF NOT EXISTS answers (
    id TEXT PRIMARY KEY,
    survey_id TEXT NOT NULL,
    type TEXT NOT NULL,
    score INTEGER NOT NULL,
    comment TEXT,
    complete INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    received_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    url TEXT NOT NULL,
    locale TEXT NOT NULL,
    visitor_id TEXT NOT NULL,
    user_id TEXT,
    attributes TEXT,
    sdk TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS answers_survey ON answers (survey_id, type, score);
  CREATE INDEX IF NOT EXISTS answers_created ON answers (created_at DESC, id DESC);
`

// The first copy decides the score; later copies may add a comment and finish the answer.
const upsertSql = `
  INSERT INTO answers (id, survey_id, type, score, comment, complete, created_at, received_at, updated_at,
                       url, locale, visitor_id, user_id, attributes, sdk)
  VALUES (@id, @surveyId, @type, @score, @comment, @complete, @createdAt, @now, @now,
          @url, @locale, @visitorId, @userId, @attributes, @sdk)
  ON CONFLICT (id) DO UPDATE SET
    comment = COALESCE(excluded.comment, answers.comment),
    complete = MAX(answers.complete, excluded.complete),
    updated_at = CASE
      WHEN excluded.complete > answers.complete OR (excluded.comment IS NOT NULL AND answers.comment IS NULL)
      THEN excluded.updated_at ELSE answers.updated_at END
`

// Days and Monday-based weeks, as PostgreSQL's date_trunc counts them.
const periods = { day: 'substr(created_at, 1, 10)', week: "date(created_at, '-6 days', 'weekday 1')" }


/** SQLite in one file (WAL mode), or in memory for `:memory:`. */
export const createSqliteStore = (file: string): Store => {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true })
  const db = new Database(file)
  db.pragma('journal_mode = WAL')
  db.pragma('busy_timeout = 5000')
  db.exec(schema)
  const upsert = db.prepare(upsertSql)
  const upsertAll = db.transaction((answers: Answer[], now: string) => {
    for (const answer of mergeCopies(answers)) {
      upsert.run({
        ...answer,
        // One format, so that dates compare as text.
        createdAt: new Date(answer.createdAt).toISOString(),
        comment: answer.comment ?? null,
        complete: answer.complete ? 1 : 0,
        userId: answer.userId ?? null,
        attributes: answer.attributes ? JSON.stringify(answer.attributes) : null,
        now
      })
    }
  })
  const placeholder = () => '?'

  return {
    upsert: async (answers) => void upsertAll(answers, new Date().toISOString()),
    async scoreCounts(filter = {}, period) {
      const { where, params } = filterSql(filter, placeholder)
      const by = period ? `, ${periods[period]}` : ''
      return db
        .prepare(
          `SELECT survey_id AS surveyId, type, score, COUNT(*) AS count${by ? `${by} AS period` : ''}
           FROM answers ${where} GROUP BY survey_id, type, score${by}`
        )
        .all(...params) as ScoreCount[]
    },
    async answers({ limit = 100, ...filter } = {}) {
      const { where, params } = filterSql(filter, placeholder)
      const rows = db.prepare(`SELECT * FROM answers ${where} ORDER BY created_at DESC, id DESC LIMIT ?`).all(...params, limit)
      return (rows as Row[]).map(rowToAnswer)
    },
    close: async () => void db.close()
  }
}
