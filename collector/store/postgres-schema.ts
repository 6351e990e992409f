import pg from 'pg'
import { perScore } from './counts-sql'

/** How many rows a survey's day is spread over. */
const SHARDS = 4

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

  -- The answers per survey and UTC day, and per score, kept by the database itself: the
  -- scores and trends read a few thousand of these rows instead of every answer. The trigger
  -- sees only the rows a statement inserted (a copy of a known answer is an update). Each day
  -- of a survey has a few rows (shard): answers arriving together add to one of them at
  -- random, so that they do not all wait for the same row's lock; the rows are taken in one
  -- order, so that batches arriving together never deadlock.
  CREATE TABLE IF NOT EXISTS answer_days (
    survey_id TEXT NOT NULL,
    type TEXT NOT NULL,
    day DATE NOT NULL,
    shard SMALLINT NOT NULL,
    answers BIGINT NOT NULL,
    ${perScore((column) => `${column} BIGINT NOT NULL`)},
    PRIMARY KEY (survey_id, type, day, shard)
  );
  CREATE OR REPLACE FUNCTION count_answers() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
  BEGIN
    INSERT INTO answer_days (survey_id, type, day, shard, answers, ${perScore((column) => column)})
    SELECT survey_id, type, (created_at AT TIME ZONE 'UTC')::date, floor(random() * ${SHARDS})::smallint, COUNT(*),
           ${perScore((_, score) => `COUNT(*) FILTER (WHERE score = ${score})`)}
    FROM inserted GROUP BY 1, 2, 3 ORDER BY 1, 2, 3, 4
    ON CONFLICT (survey_id, type, day, shard) DO UPDATE SET answers = answer_days.answers + EXCLUDED.answers,
      ${perScore((column) => `${column} = answer_days.${column} + EXCLUDED.${column}`)};
    RETURN NULL;
  END $$;
  DROP TRIGGER IF EXISTS answers_counted ON answers;
  CREATE TRIGGER answers_counted AFTER INSERT ON answers REFERENCING NEW TABLE AS inserted
    FOR EACH STATEMENT EXECUTE FUNCTION count_answers();

  -- The rate limits that collectors sharing this database share, in the shape
  -- rate-limiter-flexible's RateLimiterPostgres reads and writes.
  CREATE TABLE IF NOT EXISTS rate_limits (key VARCHAR(255) PRIMARY KEY, points INTEGER NOT NULL DEFAULT 0, expire BIGINT);
`

// A database from before the counts gets them from its answers, once.
const backfillSql = `
  INSERT INTO answer_days (survey_id, type, day, shard, answers, ${perScore((column) => column)})
  SELECT survey_id, type, (created_at AT TIME ZONE 'UTC')::date, 0, COUNT(*), ${perScore((_, score) => `COUNT(*) FILTER (WHERE score = ${score})`)}
  FROM answers GROUP BY 1, 2, 3
`

/**
 * Makes the collector's tables, indexes and trigger in `schema` when they are
 * missing, in one transaction under an advisory lock, so that processes starting
 * together do not race; fills `answer_days` from the answers of a database made
 * before it.
 */
export const createPostgresSchema = async (pool: pg.Pool, schema: string) => {
  const client = await pool.connect()
  // A connection the database closes while it is held here fails the query under way;
  // without a listener its 'error' event would also end the process.
  const lost = () => {}
  client.on('error', lost)
  let failure: Error | undefined
  try {
    await client.query('BEGIN')
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('sayso schema'))`)
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${pg.escapeIdentifier(schema)}`)
    const { rows } = await client.query(`SELECT to_regclass('answer_days') IS NOT NULL AS counted`)
    await client.query(schemaSql)
    if (!rows[0].counted) await client.query(backfillSql)
    await client.query('COMMIT')
  } catch (error) {
    failure = error as Error
    await client.query('ROLLBACK').catch(() => {})
    throw error
  } finally {
    client.off('error', lost)
    client.release(failure)
  }
}
