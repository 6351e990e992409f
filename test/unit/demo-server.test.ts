// @vitest-environment node
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSqliteStore } from '../../collector/store/sqlite-store'
import { createDemoServer } from '../../demo/server/create-demo-server'
import { createTrouble } from '../../demo/server/create-trouble'
import { makeAnswer } from './helpers'
import { root } from './running-collector'

// npm run demo: the collector with the demo's pages, trouble switch and open reading around it.
const store = createSqliteStore(':memory:')
const trouble = createTrouble(() => 0.1)
const server = createDemoServer({ store, root, trouble, surveys: [{ id: 'nps-checkout', type: 'nps' }] })
let at: string
const post = (answers = [makeAnswer()]) => fetch(`${at}/api/answers`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ answers }) })
const setTrouble = (setting: object) => fetch(`${at}/api/trouble`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(setting) })

beforeAll(async () => {
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  at = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(async () => {
  server.closeAllConnections()
  await new Promise((done) => server.close(done))
  await store.close()
})

describe('the demo server', () => {
  it('serves the demo pages around the collector', async () => {
    for (const path of ['/', '/zero-code', '/hostile-css', '/spa/', '/spa/pricing', '/demo/demo.css']) {
      expect([path, (await fetch(`${at}${path}`)).status]).toEqual([path, 200])
    }
    expect((await fetch(`${at}/strict-csp`)).headers.get('content-security-policy')).toMatch(/style-src 'self'/)
    expect((await fetch(`${at}/demo/../package.json`)).status).toBe(404)
    expect((await fetch(`${at}/sayso.js`)).status).toBe(200)
    expect((await fetch(`${at}/s/nps-checkout?score=9`)).status).toBe(200)
  })

  it('keeps reading open', async () => {
    const a = makeAnswer({ surveyId: 'open-reading' })
    expect((await post([a])).status).toBe(200)
    const { surveys } = await (await fetch(`${at}/api/summary?survey=open-reading`)).json()
    expect(surveys[0]).toMatchObject({ surveyId: 'open-reading', count: 1 })
    expect((await fetch(`${at}/api/answers.csv`)).status).toBe(200)
  })

  it('breaks ingestion on request, before the collector sees it, and logs every request’s ids and status', async () => {
    const first = trouble.log.length
    const refused = makeAnswer()
    expect((await setTrouble({ mode: '503' })).status).toBe(200)
    expect((await post([refused])).status).toBe(503)
    expect((await setTrouble({ mode: '429', retryAfter: 7 })).status).toBe(200)
    const limited = await post([refused])
    expect([limited.status, limited.headers.get('retry-after')]).toEqual([429, '7'])
    expect((await setTrouble({ mode: 'none' })).status).toBe(200)
    expect(await store.answers({ limit: 1000 })).not.toContainEqual(expect.objectContaining({ id: refused.id }))
    expect((await post([refused])).status).toBe(200)
    expect((await store.answers({ limit: 1000 })).filter((row) => row.id === refused.id)).toHaveLength(1)
    await new Promise((resume) => setTimeout(resume, 50))
    expect(trouble.log.slice(first).map(({ ids, status }) => [ids, status])).toEqual([
      [[refused.id], 503],
      [[refused.id], 429],
      [[refused.id], 200]
    ])
    expect(await (await fetch(`${at}/api/trouble`)).json()).toMatchObject({ mode: 'none', requests: trouble.log.length })
    expect((await setTrouble({ mode: 'sometimes' })).status).toBe(400)
  })

  it('hands the collector the body it read: a batch too large is still refused as such', async () => {
    expect((await post([makeAnswer({ comment: 'x'.repeat(70_000) })])).status).toBe(413)
    const invalid = await fetch(`${at}/api/answers`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"answers": [' })
    expect(invalid.status).toBe(400)
  })
})
