// @vitest-environment node
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createHookWorker } from '../../collector/hooks/create-hook-worker'
import { hookBody } from '../../collector/hooks/hook-body'
import { shownUrl } from '../../collector/hooks/hooks-routes'
import { nextAttempt } from '../../collector/hooks/next-attempt'
import { readHooks } from '../../collector/hooks/read-hooks'
import { sqliteHooks } from '../../collector/hooks/sqlite-hooks'
import { createSqliteStore } from '../../collector/store/sqlite-store'
import type { StoredAnswer } from '../../collector/store/store'
import { makeAnswer } from './helpers'
import { spawnCollector, startCollector } from './running-collector'
import { eventually, startReceiver } from './webhook-receiver'

const folder = mkdtempSync(join(tmpdir(), 'sayso-webhooks-file-'))
afterAll(() => rmSync(folder, { recursive: true, force: true }))
let files = 0
const fileWith = (text: string) => {
  const file = join(folder, `webhooks-${++files}.json`)
  writeFileSync(file, text)
  return file
}

describe('WEBHOOKS_FILE', () => {
  it('reads the hooks, and no file is no hooks', () => {
    const hooks = [
      { url: 'https://hooks.slack.com/services/T0/B0/x', format: 'slack', when: { segments: ['detractor'], withComment: true } },
      { url: 'http://127.0.0.1:9000/in', format: 'json', secret: 'a-long-random-secret', when: { surveyId: 'nps-main' } }
    ]
    expect(readHooks(fileWith(JSON.stringify(hooks)))).toEqual({ hooks })
    expect(readHooks(join(folder, 'missing.json'))).toEqual({ hooks: [] })
  })

  it.each([
    ['not JSON', '[{', /webhooks-\d+\.json: .*JSON/],
    ['not a list', '{"url":"https://x.example"}', /expected a list of hooks/],
    ['a bad address', '[{"url":"ftp://x.example/in","format":"json"}]', /\[0\]\.url: expected an http:\/\/ or https:\/\/ address, got "ftp:\/\/x\.example\/in"/],
    ['no address', '[{"format":"json"}]', /\[0\]\.url: expected an http/],
    ['an unknown format', '[{"url":"https://x.example","format":"teams"}]', /\[0\]\.format: expected 'slack' or 'json', got "teams"/],
    ['an unknown key', '[{"url":"https://x.example","format":"json","retries":3}]', /\[0\]\.retries: unknown key/],
    ['an unknown when key', '[{"url":"https://x.example","format":"json","when":{"score":3}}]', /\[0\]\.when\.score: unknown key \(when has surveyId, segments, withComment\)/],
    ['an unknown segment', '[{"url":"https://x.example","format":"json","when":{"segments":["angry"]}}]', /\[0\]\.when\.segments: expected a list of detractor, passive, promoter, low, high, got \["angry"\]/],
    ['withComment not a boolean', '[{"url":"https://x.example","format":"json","when":{"withComment":"yes"}}]', /\[0\]\.when\.withComment: expected true or false/],
    ['a short secret', '[{"url":"https://x.example","format":"json","secret":"abc"}]', /\[0\]\.secret: expected at least 16 characters/]
  ])('refuses %s, saying where', (_, text, message) => {
    const read = readHooks(fileWith(text))
    expect(read).toEqual({ problems: [expect.stringMatching(message)] })
  })

  it('gives one line per problem, in every hook', () => {
    const read = readHooks(fileWith('[{"url":"nope","format":"xml"},{"url":"https://x.example","format":"json","when":{"segment":"low"}}]'))
    expect('problems' in read && read.problems.map((line) => line.replace(/^.*?: /, ''))).toEqual([
      '[0].url: expected an http:// or https:// address, got "nope"',
      '[0].format: expected \'slack\' or \'json\', got "xml"',
      '[1].when.segment: unknown key (when has surveyId, segments, withComment)'
    ])
  })

  it('stops the collector from starting, one line per problem, exit 2', async () => {
    const file = fileWith('[{"url":"nope","format":"json"},{"url":"https://x.example","format":"json","when":{"surveyid":"a"}}]')
    const collector = await spawnCollector({ WEBHOOKS_FILE: file, DATABASE_URL: ':memory:' })
    expect(collector.started).toBe(false)
    expect(await collector.exited).toBe(2)
    expect(collector.output.filter((line) => line.startsWith(file))).toEqual([
      `${file}: [0].url: expected an http:// or https:// address, got "nope"`,
      `${file}: [1].when.surveyid: unknown key (when has surveyId, segments, withComment)`
    ])
  }, 30_000)

  it('npm start posts to its hooks, and on SIGTERM stops its worker and exits 0', async () => {
    const receiver = await startReceiver()
    const file = fileWith(JSON.stringify([{ url: receiver.url, format: 'json' }]))
    const collector = await spawnCollector({ WEBHOOKS_FILE: file, DATABASE_URL: join(folder, `start-${files}.db`), RATE_LIMIT: '0' })
    try {
      expect(collector.started).toBe(true)
      expect(await collector.line('1 webhook(s) from')).toContain(file)
      const given = makeAnswer({ score: 0, comment: 'Never again' })
      const posted = await fetch(`${collector.at}/api/answers`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ answers: [given] }) })
      expect(posted.status).toBe(200)
      expect(await eventually(() => receiver.deduplicated().has(`${given.id}:0`))).toBe(true)
      collector.child.kill('SIGTERM')
      expect(await collector.exited).toBe(0)
    } finally {
      collector.child.kill('SIGKILL')
      await receiver.close()
    }
  }, 30_000)
})

describe('the retries of a failing delivery', () => {
  const backoff = { baseMs: 1000, capMs: 600_000, giveUpMs: 86_400_000 }
  const middle = () => 0.5
  it.each([
    [1, 1000],
    [2, 2000],
    [5, 16_000],
    [20, 600_000]
  ])('after %i failures waits %i ms (doubling, capped), give or take half', (attempts, wait) => {
    expect(nextAttempt(backoff, attempts, 0, 0, 0, middle)).toBe(wait)
    expect(nextAttempt(backoff, attempts, 0, 0, 0, () => 0)).toBe(wait / 2)
    expect(nextAttempt(backoff, attempts, 0, 0, 0, () => 0.999999)).toBeCloseTo(wait * 1.5, -1)
  })

  it('waits at least what Retry-After asks, up to the cap', () => {
    expect(nextAttempt(backoff, 1, 0, 0, 30_000, middle)).toBe(30_000)
    expect(nextAttempt(backoff, 1, 0, 0, 86_400_000, middle)).toBe(600_000)
  })

  it('gives up once the next try would come more than 24 h after the first', () => {
    const firstTriedAt = 0
    expect(nextAttempt(backoff, 200, firstTriedAt, 86_400_000 - 600_000, 0, middle)).toBe(86_400_000)
    expect(nextAttempt(backoff, 200, firstTriedAt, 86_400_000 - 599_999, 0, middle)).toBeUndefined()
  })
})

describe('what a hook shows', () => {
  const stored = (extra = {}): StoredAnswer => ({ ...makeAnswer(extra), receivedAt: '2026-12-01T10:00:00.000Z', updatedAt: '2026-12-01T10:00:00.000Z' })

  it.each([
    ['nps', 6, 'detractor'],
    ['nps', 8, 'passive'],
    ['csat', 3, 'low'],
    ['csat', 4, 'high'],
    ['ces', 5, 'high']
  ] as const)('Slack: %s %i is %s, and an answer without a comment says so', (type, score, segment) => {
    const { text } = JSON.parse(hookBody({ url: 'https://hooks.slack.com/x', format: 'slack' }, stored({ type, score, surveyId: 's' })))
    expect(text).toBe(`*${type.toUpperCase()} ${score}* (${segment}) on s\n_no comment_\nPage: https://shop.example/`)
  })

  it('JSON: the answer as it came, without the collector’s own times, and the survey’s id and type when surveys.json does not know it', () => {
    const answer = stored({ comment: 'ok' })
    const body = JSON.parse(hookBody({ url: 'https://x.example', format: 'json' }, answer))
    expect(body.survey).toEqual({ id: answer.surveyId, type: answer.type })
    expect(body.answer).not.toHaveProperty('receivedAt')
    expect(body.answer).toEqual(makeAnswer({ ...body.answer }))
  })

  it.each([
    ['https://hooks.slack.com/services/T0AB12/B0CD34/abcdefghijklmnopqrstuvwx', 'https://hooks.slack.com/services/T0AB12/B0CD34/abcd…'],
    ['https://user:pass@x.example/in?token=secret', 'https://x.example/in'],
    ['http://127.0.0.1:9000/', 'http://127.0.0.1:9000/']
  ])('the dashboard sees %s as %s', (url, shown) => {
    expect(shownUrl(url)).toBe(shown)
  })

  it('GET /api/hooks needs the dashboard token', async () => {
    const collector = await startCollector({ hooks: [{ url: 'https://x.example/in', format: 'json' }] })
    try {
      const anonymous = await fetch(`${collector.at}/api/hooks`)
      expect([anonymous.status, anonymous.headers.get('www-authenticate')]).toEqual([401, 'Bearer'])
      expect(await (await collector.read('/api/hooks')).json()).toEqual({
        hooks: [{ index: 0, url: 'https://x.example/in', format: 'json', signed: false, when: {}, delivered: 0, pending: 0, failing: 0, givenUp: 0 }]
      })
    } finally {
      await collector.close()
    }
  })
})

describe('the worker', () => {
  it('looks at the database only when woken or due: idle, it never polls', async () => {
    const hooks = [{ url: 'http://127.0.0.1:9/', format: 'json' as const }]
    const store = createSqliteStore(':memory:', { hooks: sqliteHooks({ hooks }) })
    const ledger = store.hooks!
    let looks = 0
    const counted = {
      ...ledger,
      claim(...args: Parameters<typeof ledger.claim>) {
        looks++
        return ledger.claim(...args)
      }
    }
    const worker = createHookWorker({ hooks, ledger: counted })
    await new Promise((resume) => setTimeout(resume, 50))
    const atStart = looks
    await new Promise((resume) => setTimeout(resume, 600))
    expect(looks).toBe(atStart)
    await worker.close()
    await store.close()
    expect(atStart).toBe(1)
  })
})
