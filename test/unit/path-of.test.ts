// @vitest-environment node
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import fc from 'fast-check'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pathOf, pathSql } from '../../collector/store/path-of'
import { postgresIndexOf } from '../../collector/store/postgres-schema'
import { createPostgresStore } from '../../collector/store/postgres-store'
import { createSqliteStore } from '../../collector/store/sqlite-store'
import { sqliteIndexOf } from '../../collector/store/sqlite-schema'
import { makeAnswer } from './helpers'

// by=path splits by the path the collector stores as each answer arrives (JavaScript), and by
// the same rule in SQL for rows stored before the column: both must give the same segment.
const postgres = process.env.SAYSO_TEST_POSTGRES

// URLs as pages send them, and text that only looks like one: the delimiters, anywhere.
const urlLike = fc
  .array(fc.oneof(fc.constantFrom('https://', 'http://', '://', '/', '?', '#', ':', 'shop.example', 'a', 'é', '😀', '%2F', ''), fc.string({ maxLength: 4 })), { maxLength: 8 })
  .map((parts) => parts.join(''))

describe("an answer's path", () => {
  it.each([
    ['https://shop.example/checkout?step=2#pay', '/checkout'],
    ['https://shop.example', '/'],
    ['https://shop.example/a#b?c', '/a'],
    // A slash in the query is not the path's.
    ['https://shop.example?next=/cart', '/'],
    ['https://shop.example/a/b/?x', '/a/b/'],
    ['/relative/path?x', '/relative/path'],
    ['no-slash-at-all', '/']
  ])('of %s is %s', (url, path) => {
    expect(pathOf(url)).toBe(path)
  })

  describe('the same in SQL', () => {
    let sqlite: Database.Database
    let client: pg.Client | undefined
    beforeAll(async () => {
      sqlite = new Database(':memory:')
      if (postgres) {
        client = new pg.Client(postgres)
        await client.connect()
      }
    })
    afterAll(async () => {
      sqlite.close()
      await client?.end()
    })

    it('in SQLite, for any text', () => {
      const statement = sqlite.prepare(`WITH given (url) AS (SELECT ?) SELECT ${pathSql('url', sqliteIndexOf)} AS path FROM given`).pluck()
      fc.assert(fc.property(urlLike, (url) => statement.get(url) === pathOf(url)), { numRuns: 500 })
    })

    it.runIf(postgres)('in PostgreSQL, for any text', async () => {
      await fc.assert(
        fc.asyncProperty(urlLike, async (url) => (await client!.query(`WITH given (url) AS (SELECT $1::text) SELECT ${pathSql('url', postgresIndexOf)} AS path FROM given`, [url.replace(/\0/g, '')])).rows[0].path === pathOf(url.replace(/\0/g, ''))),
        { numRuns: 300 }
      )
    })

    it('a row written without it (by an older collector beside this one) gets it from its URL, in both databases', async () => {
      const folder = mkdtempSync(join(tmpdir(), 'sayso-path-'))
      const file = join(folder, 'paths.db')
      const store = createSqliteStore(file)
      await store.upsert([makeAnswer({ surveyId: 'paths', url: 'https://shop.example/cart' })])
      // The older collector's INSERT names no path.
      const older = new Database(file)
      const old = makeAnswer({ surveyId: 'paths', url: 'https://shop.example/cart?x=1' })
      older
        .prepare(`INSERT INTO answers (id, survey_id, type, score, complete, created_at, received_at, updated_at, url, locale, visitor_id, sdk) VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?)`)
        .run(old.id, old.surveyId, old.type, old.score, old.createdAt, old.createdAt, old.createdAt, old.url, old.locale, old.visitorId, old.sdk)
      expect(older.prepare(`SELECT path FROM answers WHERE id = ?`).pluck().get(old.id)).toBe('/cart')
      older.close()
      expect(await store.segmentCounts({ surveyId: 'paths' }, 'path')).toEqual([expect.objectContaining({ value: '/cart', count: 2 })])
      await store.close()
      rmSync(folder, { recursive: true, force: true })
      if (!client) return
      const schema = `sayso_path_${process.pid}`
      const shared = await createPostgresStore(postgres!, { schema })
      await client.query(
        `INSERT INTO ${schema}.answers (id, survey_id, type, score, complete, created_at, received_at, updated_at, url, locale, visitor_id, sdk) VALUES ($1, $2, $3, $4, true, $5, $5, $5, $6, $7, $8, $9)`,
        [old.id, old.surveyId, old.type, old.score, old.createdAt, old.url, old.locale, old.visitorId, old.sdk]
      )
      expect((await client.query(`SELECT path FROM ${schema}.answers WHERE id = $1`, [old.id])).rows[0].path).toBe('/cart')
      await shared.close()
      await client.query(`DROP SCHEMA ${schema} CASCADE`)
    })
  })
})
