import type Database from 'better-sqlite3'
import { contributions, COUNTED, perCounted, type CountsDialect } from './counts-sql'
import { pathSql, type IndexOf } from './path-of'

/** How SQLite spells a truth: it keeps booleans as 0 and 1, and a comparison is 0 or 1 already. */
export const sqliteTruth: Pick<CountsDialect, 'asNumber' | 'isTrue'> = {
  asNumber: (condition) => `(${condition})`,
  isTrue: (column) => `${column} = 1`
}

export const sqliteIndexOf: IndexOf = (text, part) => `instr(${text}, ${part})`

// `score` is NULL on a display: the survey was shown, and no score chosen (yet).
const answersTable = (name: string) => `
  CREATE TABLE IF NOT EXISTS ${name} (
    id TEXT PRIMARY KEY,
    survey_id TEXT NOT NULL,
    type TEXT NOT NULL,
    score INTEGER,
    comment TEXT,
    reasons TEXT,
    complete INTEGER NOT NULL,
    dismissed INTEGER NOT NULL DEFAULT 0,
    device TEXT,
    path TEXT,
    created_at TEXT NOT NULL,
    received_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    url TEXT NOT NULL,
    locale TEXT NOT NULL,
    visitor_id TEXT NOT NULL,
    user_id TEXT,
    attributes TEXT,
    sdk TEXT NOT NULL
  )`

const day = (prefix: string) => `substr(${prefix}created_at, 1, 10)`
const added = (prefix: string) => contributions(prefix, sqliteTruth)

const schemaSql = `
  ${answersTable('answers')};
  CREATE INDEX IF NOT EXISTS answers_survey ON answers (survey_id, type, score);
  CREATE INDEX IF NOT EXISTS answers_created ON answers (created_at DESC, id DESC);
  -- The few answers with reasons (a choice follow-up), which the reasons' counts read alone.
  CREATE INDEX IF NOT EXISTS answers_reasons ON answers (survey_id, created_at) WHERE reasons IS NOT NULL;

  -- The displays, answers and scores per survey and UTC day, kept by the database itself (the
  -- triggers below): the summary and trends read a few thousand of these rows instead of
  -- every answer. A copy of a known record takes the UPDATE path of the upsert: it adds
  -- what it changed (a display's score, complete, dismissed) and is never counted twice.
  CREATE TABLE IF NOT EXISTS answer_days (
    survey_id TEXT NOT NULL,
    type TEXT NOT NULL,
    day TEXT NOT NULL,
    ${perCounted((column) => `${column} INTEGER NOT NULL`)},
    PRIMARY KEY (survey_id, type, day)
  ) WITHOUT ROWID;
  CREATE TRIGGER IF NOT EXISTS answers_counted AFTER INSERT ON answers BEGIN
    INSERT INTO answer_days (survey_id, type, day, ${perCounted((column) => column)})
    VALUES (NEW.survey_id, NEW.type, ${day('NEW.')}, ${perCounted((column) => added('NEW.')[column])})
    ON CONFLICT (survey_id, type, day) DO UPDATE SET ${perCounted((column) => `${column} = ${column} + excluded.${column}`)};
  END;
  CREATE TRIGGER IF NOT EXISTS answers_recounted AFTER UPDATE OF score, complete, dismissed ON answers
  WHEN OLD.score IS NOT NEW.score OR OLD.complete <> NEW.complete OR OLD.dismissed <> NEW.dismissed BEGIN
    UPDATE answer_days SET ${perCounted((column) => `${column} = ${column} + ${added('NEW.')[column]} - ${added('OLD.')[column]}`)}
    WHERE survey_id = NEW.survey_id AND type = NEW.type AND day = ${day('NEW.')};
  END;
  -- A row written without its path (by an older collector beside this one) gets it from its URL.
  CREATE TRIGGER IF NOT EXISTS answers_path AFTER INSERT ON answers WHEN NEW.path IS NULL BEGIN
    UPDATE answers SET path = ${pathSql('NEW.url', sqliteIndexOf)} WHERE id = NEW.id;
  END;
`

// A database from before these counts gets them from its answers, once.
const backfillSql = `
  INSERT INTO answer_days (survey_id, type, day, ${perCounted((column) => column)})
  SELECT survey_id, type, ${day('')}, ${perCounted((column) => `SUM(${added('')[column]})`)} FROM answers GROUP BY 1, 2, 3
`

// What a database made by an earlier version lacks, added when it is opened.
const addedColumns: Record<string, string> = {
  reasons: 'TEXT',
  dismissed: 'INTEGER NOT NULL DEFAULT 0',
  device: 'TEXT',
  // The URL's path, for by=path (path-of.ts), filled from the URL for the rows before it.
  path: 'TEXT'
}

interface Column {
  name: string
  notnull: number
}

/**
 * Makes the tables, indexes and triggers when they are missing, in one transaction, and
 * brings a database made by an earlier version up to date: the columns it lacks are
 * added (the path filled from the URL); a score that may not be NULL (no displays then) is made nullable, which SQLite
 * does by copying the table; counts from before displays are counted again from the answers.
 */
export const createSqliteSchema = (db: Database.Database) =>
  db.transaction(() => {
    const columns = db.prepare(`PRAGMA table_info(answers)`).all() as Column[]
    const known = new Set(columns.map((column) => column.name))
    if (known.size) {
      for (const [name, type] of Object.entries(addedColumns)) if (!known.has(name)) db.exec(`ALTER TABLE answers ADD COLUMN ${name} ${type}`)
      if (!known.has('path')) db.exec(`UPDATE answers SET path = ${pathSql('url', sqliteIndexOf)}`)
    }
    if (columns.some((column) => column.name === 'score' && column.notnull)) {
      const names = (db.prepare(`PRAGMA table_info(answers)`).all() as Column[]).map((column) => column.name).join(', ')
      db.exec(`${answersTable('answers_next')}; INSERT INTO answers_next (${names}) SELECT ${names} FROM answers;
               DROP TABLE answers; ALTER TABLE answers_next RENAME TO answers`)
    }
    const counts = new Set((db.prepare(`PRAGMA table_info(answer_days)`).all() as Column[]).map((column) => column.name))
    const counted = COUNTED.every((column) => counts.has(column))
    if (!counted) db.exec('DROP TABLE IF EXISTS answer_days; DROP TRIGGER IF EXISTS answers_counted; DROP TRIGGER IF EXISTS answers_recounted')
    db.exec(schemaSql)
    if (!counted) db.exec(backfillSql)
  })()
