import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import type { SurveyRecord } from '../../src/types'
import { answersSql, type AnswersDialect } from './answers-sql'
import { attributeKeysSql, type AttributeKeysDialect } from './attribute-keys-sql'
import { reasonSql, segmentSql, summarySql, toPeriodCounts, toReasonCounts, toSegmentCounts, toSurveyCounts, trendSql } from './counts-sql'
import type { SqliteHookBinding } from '../hooks/sqlite-hooks'
import { mergeCopies, rowToAnswer, type Row, type Store } from './store'
import { addSqliteFunctions } from './sqlite-functions.mjs'
import { readsInThread, readsInWorker } from './sqlite-reads'
import { createSqliteSchema, sqliteIndexOf, sqliteTruth } from './sqlite-schema'
import { pathOf } from './path-of'
import { storeError } from './store-unavailable'

// The first score decides (a display has none); later copies may add a comment or reasons,
// finish the answer, or say that its display was dismissed.
const upsertSql = `
  INSERT INTO answers (id, survey_id, type, score, comment, reasons, complete, dismissed, device, created_at, received_at, updated_at,
                       url, path, locale, visitor_id, user_id, attributes, sdk)
  VALUES (@id, @surveyId, @type, @score, @comment, @reasons, @complete, @dismissed, @device, @createdAt, @now, @now,
          @url, @path, @locale, @visitorId, @userId, @attributes, @sdk)
  ON CONFLICT (id) DO UPDATE SET
    score = COALESCE(answers.score, excluded.score),
    comment = COALESCE(excluded.comment, answers.comment),
    reasons = COALESCE(excluded.reasons, answers.reasons),
    complete = MAX(answers.complete, excluded.complete),
    dismissed = MAX(answers.dismissed, excluded.dismissed),
    device = COALESCE(answers.device, excluded.device),
    updated_at = CASE
      WHEN excluded.complete > answers.complete OR (excluded.comment IS NOT NULL AND answers.comment IS NULL)
        OR (excluded.reasons IS NOT NULL AND answers.reasons IS NULL) OR (excluded.score IS NOT NULL AND answers.score IS NULL)
        OR excluded.dismissed > answers.dismissed
      THEN excluded.updated_at ELSE answers.updated_at END
`

// Days are the first ten characters of an ISO time; weeks start on Monday, as PostgreSQL's date_trunc counts them.
const dialect: AnswersDialect & AttributeKeysDialect = {
  ...sqliteTruth,
  placeholder: () => '?',
  answerDay: 'substr(created_at, 1, 10)',
  periodOf: { day: (day) => day, week: (day) => `date(${day}, '-6 days', 'weekday 1')` },
  periodText: (period) => period,
  indexOf: sqliteIndexOf,
  // Its planner would walk answers_survey for the groups' order and look every row up: reading
  // the table and sorting the groups takes half the time (docs/collector.md, "Segments").
  allAnswers: 'answers NOT INDEXED',
  answersWithReasons: 'answers INDEXED BY answers_reasons',
  reasonsOf: (column) => `json_each(${column}) AS reason`,
  // json_extract gives SQLite's own values (1 for true): the JSON type names a boolean as PostgreSQL's ->> does.
  attributeOf: (key, add) => {
    const path = `$."${key}"`
    return `CASE json_type(attributes, ${add(path)}) WHEN 'true' THEN 'true' WHEN 'false' THEN 'false' WHEN 'null' THEN NULL
      ELSE CAST(json_extract(attributes, ${add(path)}) AS TEXT) END`
  },
  lowerCase: (text) => `sayso_lower(${text})`,
  keysOf: (column) => `json_each(${column}) AS attribute`,
  isSegmentKey: (key) => `length(${key}) BETWEEN 1 AND 100 AND ${key} NOT GLOB '*[^A-Za-z0-9_.-]*'`,
  // SQLite compares text by its bytes unless told otherwise.
  bytewise: (text) => text
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
  createSqliteSchema(db)
  addSqliteFunctions(db)
  const hooks = options.hooks?.(db)
  const reads = file === ':memory:' ? readsInThread(db) : readsInWorker(file)
  const upsert = db.prepare(upsertSql)
  const upsertAll = db.transaction((records: SurveyRecord[], now: string) => {
    const merged = mergeCopies(records)
    for (const answer of merged) {
      upsert.run({
        ...answer,
        score: answer.score ?? null,
        dismissed: answer.dismissed ? 1 : 0,
        device: answer.device ?? null,
        // One format, so that dates compare as text and their first ten characters are the day.
        createdAt: new Date(answer.createdAt).toISOString(),
        comment: answer.comment ?? null,
        reasons: answer.reasons ? JSON.stringify(answer.reasons) : null,
        complete: answer.complete ? 1 : 0,
        userId: answer.userId ?? null,
        attributes: answer.attributes ? JSON.stringify(answer.attributes) : null,
        path: pathOf(answer.url),
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
    segmentCounts: async (filter, by) => (await read(segmentSql(filter, by, dialect))).map(toSegmentCounts),
    reasonCounts: async (filter, by) => (await read(reasonSql(filter, by, dialect))).map(toReasonCounts),
    scoreTrend: async (filter, period) => (await read(trendSql(filter, period, dialect))).map(toPeriodCounts),
    answers: async (options = {}) => ((await read(answersSql(options, dialect))) as unknown as Row[]).map(rowToAnswer),
    attributeKeys: async (filter) => (await read(attributeKeysSql(filter, dialect))).map((row) => String(row.key)),
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
