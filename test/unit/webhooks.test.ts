// @vitest-environment node
import { createHmac } from 'node:crypto'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Hook } from '../../collector/hooks/hook'
import type { Answer } from '../../src/types'
import { makeAnswer } from './helpers'
import { eventually, startReceiver, type Receiver } from './webhook-receiver'
import { closeAll, startHooked, webhookDatabases } from './webhooks-running'

// DESIGN.md, "Acting on answers: webhooks", against a receiver on loopback, on both databases.
const { databases, cleanUp } = webhookDatabases()
afterAll(cleanUp)

const SECRET = 'receiver-secret-0123456789'
let receiver: Receiver
beforeEach(async () => {
  receiver = await startReceiver()
})
afterEach(async () => {
  await closeAll()
  await receiver.close()
})

const answer = (extra: Partial<Answer> = {}) => makeAnswer({ surveyId: 'nps-main', type: 'nps', url: 'https://shop.example/thanks', ...extra })
const bodiesOf = (key: string) => receiver.received.filter((entry) => entry.key === key).map((entry) => JSON.parse(entry.body))

describe.each(databases)('webhooks on %s', (_, database) => {
  it('posts a complete answer once, as JSON, with its Idempotency-Key and a signature the receiver can check', async () => {
    const hooks: Hook[] = [{ url: receiver.url, format: 'json', secret: SECRET }]
    const surveys = [{ id: 'nps-main', type: 'nps', question: 'Would you recommend us?' }]
    const collector = await startHooked(database(), hooks, { surveys })
    const given = answer({ score: 3, comment: 'Too slow', complete: true })
    expect((await collector.post({ answers: [given] })).status).toBe(200)

    expect(await eventually(() => receiver.deduplicated().size === 1)).toBe(true)
    const [request] = receiver.received
    expect(request.key).toBe(`${given.id}:0`)
    expect(request.headers['content-type']).toBe('application/json')
    const expected = `sha256=${createHmac('sha256', SECRET).update(request.body).digest('hex')}`
    expect(request.headers['x-sayso-signature']).toBe(expected)
    expect(JSON.parse(request.body)).toEqual({ answer: given, survey: { id: 'nps-main', type: 'nps', question: 'Would you recommend us?' } })
    // A copy of the answer later posts nothing more.
    await collector.post({ answers: [given] })
    const states = await collector.hookStates()
    expect(states).toMatchObject([{ index: 0, format: 'json', signed: true, delivered: 1, pending: 0, failing: 0, givenUp: 0 }])
    expect(JSON.stringify(states)).not.toContain(SECRET)
    expect(receiver.received).toHaveLength(1)
  })
})
