import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import type { Answer } from '../../src/types'
import { countsSql, toSurveyCounts, type CountsDialect } from './counts-sql'
import { filterSql } from './filter-sql'
import { mergeCopies, rowToAnswer, type Row, type Store } from './store'
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

  -- The answers per survey, UTC day and score, kept by the database itself: the scores and
  -- trends read a few thousand of these rows instead of every answer. A copy of a known
  -- answer takes the UPDATE path of the upsert, so it is never counted twice.
  CREATE TABLE IF NOT EXISTS answer_counts (
    survey_id TEXT NOT NULL,
    type TEXT NOT NULL,
    day TEXT NOT NULL,
    score INTEGER NOT NULL,
    answers INTEGER NOT NULL,
    PRIMARY KEY (survey_id, type, day, score)
  ) WITHOUT ROWID;
  CREATE TRIGGER IF NOT EXISTS answers_counted AFTER INSERT ON answers BEGIN
    INSERT INTO answer_counts (survey_id, type, day, score, answers)
    VALUES (NEW.survey_id, NEW.type, substr(NEW.created_at, 1, 10), NEW.score, 1)
    ON CONFLICT (survey_id, type, day, score) DO UPDATE SET answers = answers + 1;
  END;
`

// A database from before the counts table gets it filled from its answers, once.
const backfillSql = `
  INSERT INTO answer_counts (survey_id, type, day, score, answers)
  SELECT survey_id, type, substr(created_at, 1, 10), score, COUNT(*) FROM answers GROUP BY 1, 2, 3, 4
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
  periodOf: { day: (day) => day, week: (day) => `date(${day}, '-6 days', 'weekday 1')` }
}

/** SQLite in one file (WAL mode), or in memory for `:memory:`. */
export const createSqliteStore = (file: string): Store => {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true })
  const db = new Database(file)
  db.pragma('journal_mode = WAL')
  db.pragma('busy_timeout = 5000')
  db.transaction(() => {
    const counted = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'answer_counts'`).get()
    db.exec(schema)
    if (!counted) db.exec(backfillSql)
  })()
  const upsert = db.prepare(upsertSql)
  const upsertAll = db.transaction((answers: Answer[], now: string) => {
    for (const answer of mergeCopies(answers)) {
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
  })
  // better-sqlite3 is synchronous: a failure is thrown here and becomes the promise's rejection.
  const guarded = async <T>(work: () => T): Promise<T> => {
    try {
      return work()
    } catch (error) {
      throw storeError(error)
    }
  }

  return {
    upsert: (answers) => guarded(() => void upsertAll(answers, new Date().toISOString())),
    scoreCounts: (filter = {}, period) =>
      guarded(() => {
        const { sql, params } = countsSql(filter, period, dialect)
        return (db.prepare(sql).all(...params) as Record<string, unknown>[]).map(toSurveyCounts)
      }),
    answers: ({ limit = 100, ...filter } = {}) =>
      guarded(() => {
        const { where, params } = filterSql(filter, dialect.placeholder)
        const rows = db.prepare(`SELECT * FROM answers ${where} ORDER BY created_at DESC, id DESC LIMIT ?`).all(...params, limit)
        return (rows as Row[]).map(rowToAnswer)
      }),
    ready: () => guarded(() => !!db.prepare('SELECT 1').get()).catch(() => false),
    close: async () => void db.close()
  }
}
