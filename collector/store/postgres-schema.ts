import pg from 'pg'
import { contributions, perCounted, type CountsDialect } from './counts-sql'
import { pathSql, type IndexOf } from './path-of'
import { transaction } from './postgres-transaction'

/** How PostgreSQL spells a truth as a number. */
export const postgresTruth: Pick<CountsDialect, 'asNumber' | 'isTrue'> = {
  asNumber: (condition) => `(${condition})::int`,
  isTrue: (column) => column
}

export const postgresIndexOf: IndexOf = (text, part) => `strpos(${text}, ${part})`

const added = (prefix: string) => contributions(prefix, postgresTruth)
const summed = (prefix: string) => perCounted((column) => `SUM(${added(prefix)[column]})`)

/** How many rows a survey's day is spread over. */
const SHARDS = 4

const schemaSql = `
  CREATE TABLE IF NOT EXISTS answers (
    id TEXT PRIMARY KEY,
    survey_id TEXT NOT NULL,
    type TEXT NOT NULL,
    score INTEGER,
    comment TEXT,
    reasons JSONB,
    complete BOOLEAN NOT NULL,
    dismissed BOOLEAN NOT NULL DEFAULT false,
    device TEXT,
    path TEXT,
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
  -- What a database made by an earlier version lacks; score is NULL on a display.
  ALTER TABLE answers ADD COLUMN IF NOT EXISTS reasons JSONB;
  ALTER TABLE answers ADD COLUMN IF NOT EXISTS dismissed BOOLEAN NOT NULL DEFAULT false;
  ALTER TABLE answers ADD COLUMN IF NOT EXISTS device TEXT;
  ALTER TABLE answers ADD COLUMN IF NOT EXISTS path TEXT;
  ALTER TABLE answers ALTER COLUMN score DROP NOT NULL;
  CREATE INDEX IF NOT EXISTS answers_survey ON answers (survey_id, type, score);
  CREATE INDEX IF NOT EXISTS answers_created ON answers (created_at DESC, id DESC);
  -- The few answers with reasons (a choice follow-up), which the reasons' counts read alone.
  CREATE INDEX IF NOT EXISTS answers_reasons ON answers (survey_id, created_at) WHERE reasons IS NOT NULL;

  -- The displays, answers and scores per survey and UTC day, kept by the database itself:
  -- the summary and trends read a few thousand of these rows instead of every answer. The
  -- insert trigger sees only the rows a statement inserted; the update trigger adds what a
  -- later copy changed (a display's score, complete, dismissed), so nothing counts twice.
  -- Each day of a survey has a few rows (shard): rows arriving together add to one of them
  -- at random, so that they do not all wait for the same row's lock; the rows are taken in
  -- one order, so that batches arriving together never deadlock.
  CREATE TABLE IF NOT EXISTS answer_days (
    survey_id TEXT NOT NULL,
    type TEXT NOT NULL,
    day DATE NOT NULL,
    shard SMALLINT NOT NULL,
    ${perCounted((column) => `${column} BIGINT NOT NULL`)},
    PRIMARY KEY (survey_id, type, day, shard)
  );
  CREATE OR REPLACE FUNCTION count_answers() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
  BEGIN
    INSERT INTO answer_days (survey_id, type, day, shard, ${perCounted((column) => column)})
    SELECT survey_id, type, (created_at AT TIME ZONE 'UTC')::date, floor(random() * ${SHARDS})::smallint, ${summed('')}
    FROM inserted GROUP BY 1, 2, 3 ORDER BY 1, 2, 3, 4
    ON CONFLICT (survey_id, type, day, shard) DO UPDATE SET ${perCounted((column) => `${column} = answer_days.${column} + EXCLUDED.${column}`)};
    RETURN NULL;
  END $$;
  CREATE OR REPLACE FUNCTION recount_answers() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
  BEGIN
    INSERT INTO answer_days (survey_id, type, day, shard, ${perCounted((column) => column)})
    SELECT n.survey_id, n.type, (n.created_at AT TIME ZONE 'UTC')::date, floor(random() * ${SHARDS})::smallint,
           ${perCounted((column) => `SUM(${added('n.')[column]} - ${added('o.')[column]})`)}
    FROM updated_new n JOIN updated_old o ON o.id = n.id
    WHERE o.score IS DISTINCT FROM n.score OR o.complete <> n.complete OR o.dismissed <> n.dismissed
    GROUP BY 1, 2, 3 ORDER BY 1, 2, 3, 4
    ON CONFLICT (survey_id, type, day, shard) DO UPDATE SET ${perCounted((column) => `${column} = answer_days.${column} + EXCLUDED.${column}`)};
    RETURN NULL;
  END $$;
  DROP TRIGGER IF EXISTS answers_counted ON answers;
  CREATE TRIGGER answers_counted AFTER INSERT ON answers REFERENCING NEW TABLE AS inserted
    FOR EACH STATEMENT EXECUTE FUNCTION count_answers();
  DROP TRIGGER IF EXISTS answers_recounted ON answers;
  CREATE TRIGGER answers_recounted AFTER UPDATE ON answers REFERENCING OLD TABLE AS updated_old NEW TABLE AS updated_new
    FOR EACH STATEMENT EXECUTE FUNCTION recount_answers();
  -- A row written without its path (by an older collector beside this one) gets it from its URL.
  CREATE OR REPLACE FUNCTION fill_path() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    NEW.path := ${pathSql('NEW.url', postgresIndexOf)};
    RETURN NEW;
  END $$;
  DROP TRIGGER IF EXISTS answers_path ON answers;
  CREATE TRIGGER answers_path BEFORE INSERT ON answers FOR EACH ROW WHEN (NEW.path IS NULL) EXECUTE FUNCTION fill_path();

  -- The rate limits that collectors sharing this database share, in the shape
  -- rate-limiter-flexible's RateLimiterPostgres reads and writes.
  CREATE TABLE IF NOT EXISTS rate_limits (key VARCHAR(255) PRIMARY KEY, points INTEGER NOT NULL DEFAULT 0, expire BIGINT);
`

// A database from before these counts gets them from its answers, once.
const backfillSql = `
  INSERT INTO answer_days (survey_id, type, day, shard, ${perCounted((column) => column)})
  SELECT survey_id, type, (created_at AT TIME ZONE 'UTC')::date, 0, ${summed('')}
  FROM answers GROUP BY 1, 2, 3
`

/**
 * Makes the collector's tables, indexes and trigger in `schema` when they are
 * missing, in one transaction under an advisory lock, so that processes starting
 * together do not race; brings a database made by an earlier version up to date (the
 * columns it lacks, a nullable score) and fills `answer_days` from its answers.
 */
export const createPostgresSchema = (pool: pg.Pool, schema: string) =>
  transaction(pool, async (client) => {
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('sayso schema'))`)
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${pg.escapeIdentifier(schema)}`)
    // Counts from before displays (no displays column) are counted again from the answers.
    const has = async (table: string, column: string) =>
      (await client.query(`SELECT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass($1) AND attname = $2) AS found`, [table, column])).rows[0].found as boolean
    const counted = await has('answer_days', 'displays')
    const answersMade = (await client.query(`SELECT to_regclass('answers') IS NOT NULL AS made`)).rows[0].made as boolean
    const pathFilled = await has('answers', 'path')
    if (!counted) await client.query('DROP TABLE IF EXISTS answer_days')
    await client.query(schemaSql)
    if (!counted) await client.query(backfillSql)
    // The URL's path, for by=path (path-of.ts), filled once for the rows from before the column.
    if (answersMade && !pathFilled) await client.query(`UPDATE answers SET path = ${pathSql('url', postgresIndexOf)}`)
  })
