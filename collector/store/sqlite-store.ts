import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import type { Answer } from '../../src/types'
import { perScore, summarySql, toPeriodCounts, toSurveyCounts, trendSql, type CountsDialect } from './counts-sql'
import { filterSql } from './filter-sql'
import type { SqliteHookBinding } from '../hooks/sqlite-hooks'
import { mergeCopies, rowToAnswer, type Row, type Store } from './store'
import { readsInThread, readsInWorker } from './sqlite-reads'
import { storeError } from './store-unavailable'

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

  -- The answers per survey and UTC day, and per score, kept by the database itself (the
  -- trigger below): the scores and trends read a few thousand of these rows instead of
  -- every answer. A copy of a known answer takes the UPDATE path of the upsert, so it is
  -- never counted twice.
  CREATE TABLE IF NOT EXISTS answer_days (
    survey_id TEXT NOT NULL,
    type TEXT NOT NULL,
    day TEXT NOT NULL,
    answers INTEGER NOT NULL,
    ${perScore((column) => `${column} INTEGER NOT NULL`)},
    PRIMARY KEY (survey_id, type, day)
  ) WITHOUT ROWID;
  CREATE TRIGGER IF NOT EXISTS answers_counted AFTER INSERT ON answers BEGIN
    INSERT INTO answer_days (survey_id, type, day, answers, ${perScore((column) => column)})
    VALUES (NEW.survey_id, NEW.type, substr(NEW.created_at, 1, 10), 1, ${perScore((_, score) => `NEW.score = ${score}`)})
    ON CONFLICT (survey_id, type, day) DO UPDATE SET answers = answers + 1, ${perScore((column) => `${column} = ${column} + excluded.${column}`)};
  END;
`

// A database from before the counts gets them from its answers, once.
const backfillSql = `
  INSERT INTO answer_days (survey_id, type, day, answers, ${perScore((column) => column)})
  SELECT survey_id, type, substr(created_at, 1, 10), COUNT(*), ${perScore((_, score) => `SUM(score = ${score})`)} FROM answers GROUP BY 1, 2, 3
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

// Days are the first ten characters of an ISO time; weeks start on Monday, as PostgreSQL's date_trunc counts them.
const dialect: CountsDialect = {
  placeholder: () => '?',
  answerDay: 'substr(created_at, 1, 10)',
  periodOf: { day: (day) => day, week: (day) => `date(${day}, '-6 days', 'weekday 1')` },
  periodText: (period) => period
}

/**
 * SQLite in one file (WAL mode), or in memory for `:memory:`. Answers are written
 * on the main thread, each batch one transaction; a file's reads run in a thread
 * of their own (sqlite-reads.ts).
 */
export interface SqliteOptions {
  /** The webhooks (collector/hooks/sqlite-hooks.ts): their deliveries are recorded in each batch's transaction. */
  hooks?: (db: Database.Database) => SqliteHookBinding
}

export const createSqliteStore = (file: string, options: SqliteOptions = {}): Store => {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true })
  const db = new Database(file)
  db.pragma('journal_mode = WAL')
  db.pragma('busy_timeout = 5000')
  db.transaction(() => {
    const counted = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'answer_days'`).get()
    db.exec(schema)
    if (!counted) db.exec(backfillSql)
  })()
  const hooks = options.hooks?.(db)
  const reads = file === ':memory:' ? readsInThread(db) : readsInWorker(file)
  const upsert = db.prepare(upsertSql)
  const upsertAll = db.transaction((answers: Answer[], now: string) => {
    const merged = mergeCopies(answers)
    for (const answer of merged) {
      upsert.run({
        ...answer,
        // One format, so that dates compare as text and their first ten characters are the day.
        createdAt: new Date(answer.createdAt).toISOString(),
        comment: answer.comment ?? null,
        complete: answer.complete ? 1 : 0,
        userId: answer.userId ?? null,
        attributes: answer.attributes ? JSON.stringify(answer.attributes) : null,
        now
      })
    }
    hooks?.record(
      merged.map((answer) => answer.id),
      Date.parse(now)
    )
  })
  const read = async ({ sql, params }: { sql: string; params: unknown[] }) => {
    try {
      return await reads.all(sql, params)
    } catch (error) {
      throw storeError(error)
    }
  }

  return {
    hooks: hooks?.ledger,
    async upsert(answers) {
      try {
        upsertAll(answers, new Date().toISOString())
      } catch (error) {
        throw storeError(error)
      }
    },
    scoreCounts: async (filter = {}) => (await read(summarySql(filter, dialect))).map(toSurveyCounts),
    scoreTrend: async (filter, period) => (await read(trendSql(filter, period, dialect))).map(toPeriodCounts),
    async answers({ limit = 100, ...filter } = {}) {
      const { where, params } = filterSql(filter, dialect.placeholder)
      const rows = await read({ sql: `SELECT * FROM answers ${where} ORDER BY created_at DESC, id DESC LIMIT ?`, params: [...params, limit] })
      return (rows as unknown as Row[]).map(rowToAnswer)
    },
    ready: () => read({ sql: 'SELECT 1', params: [] }).then(
      () => true,
      () => false
    ),
    async close() {
      await reads.close()
      db.close()
    }
  }
}
