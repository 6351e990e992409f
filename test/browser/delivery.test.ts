import { describe, expect, it } from 'vitest'
import { asGiven, leaveBacklog } from './backlog'
import { poll, type Context } from './engines/driver'
import { engineNames, useEngine } from './engines/use-engine'
import { answerIds, queued, reported, sayso, started } from './pages/in-page'
import { snippetPage } from './pages/snippet-page'
import { useSite, type Site } from './site'

// docs/delivery.md's page-level scenarios that depend on the engine: being offline, a reload with a
// request in flight (9, 13), two tabs (14), and leaving the page (22). "Delivered once" is shown by
// the stored rows matching the answers given, and by how many 2xx replies carried each id.
const setup = useSite()

const page = snippetPage({
  config: {
    endpoint: '/api/answers',
    frequency: { cooldownDays: 0 },
    surveys: [{ id: 'outbox-nps', type: 'nps', trigger: 'manual', followUp: false, thankYou: { closeAfterMs: 0 } }]
  }
})
const question = 'How likely are you to recommend us to a friend or colleague?'
const sleep = (ms: number) => new Promise((wait) => setTimeout(wait, ms))

/**
 * Takes the profile off the network where the driver can (Chromium; Firefox, where
 * `navigator.onLine` stays true and requests fail); WebKit's driver cannot, so the endpoint
 * is cut off instead (its connections close unanswered). Returns the way back.
 */
const goOffline = async (context: Context, site: Site) => {
  if (context.setOffline) {
    await context.setOffline(true)
    return () => context.setOffline!(false)
  }
  const restore = site.fail(/^\/api\/answers$/, 'reset')
  return async () => restore()
}

describe.each(engineNames)('in %s', (name) => {
  const engine = useEngine(name)

  it('9 and 13: offline, nothing is sent and the answer waits; a reload with its request in flight sends it again; one row', async () => {
    const { site } = setup
    const mark = await site.mark()
    const context = await engine.context()
    const tab = await context.open(site.serve('/outbox', page))
    await started(tab)
    // The survey opens while online: its parts cannot load offline.
    await sayso(tab, 'show', 'outbox-nps', { force: true })
    await tab.find('dialog', question)
    const backOnline = await goOffline(context, site)
    await (await tab.find('radio', '3')).click()
    const [id] = await poll('the answer', () => answerIds(tab).then((ids) => ids.length > 0 && ids))
    await sleep(1500)
    expect(site.deliveriesOf(id, mark).requests).toBe(0)
    expect(await queued(tab)).toBe(1)

    // Back online, the endpoint takes the request and never answers: the visitor reloads meanwhile.
    site.collector.trouble.set({ mode: 'silent' })
    await backOnline()
    await poll('the answer to be in flight', async () => site.deliveriesOf(id, mark).requests > 0, 10_000)
    site.collector.trouble.set({ mode: 'none' })
    await tab.reload()
    const rows = await site.rowsSince(mark, (rows) => rows.length > 0, 10_000)
    await tab.waitFor('the queue to empty', () => !Object.keys(localStorage).some((key) => key.startsWith('sayso:q:')))
    expect(asGiven(rows)).toEqual([{ id, surveyId: 'outbox-nps', score: 3, complete: true }])
    // The request cut short by the reload got no reply. Leaving, the page sends the answer once
    // more (keepalive), and the next page view sends it again unless that reply came back in
    // time: at most two 2xx, at most three requests. Leaving twice would make it three and four.
    const { requests, accepted } = site.deliveriesOf(id, mark)
    expect(requests).toBeGreaterThanOrEqual(2)
    expect(requests).toBeLessThanOrEqual(3)
    expect(accepted).toBeGreaterThanOrEqual(1)
    expect(accepted).toBeLessThanOrEqual(2)
    expect(await reported(tab)).toEqual({ pageErrors: [], saysoErrors: [] })
  })

  it('14: two tabs with a backlog — never both sending an answer, never both told it was stored', async () => {
    const { site } = setup
    const replyMs = 1000
    const mark = await site.mark()
    const context = await engine.context()
    const url = site.serve('/outbox', page)
    const tabA = await context.open(url)
    const given = await tabA.evaluate(leaveBacklog, { surveyId: `two-tabs-${name}`, scores: Array.from({ length: 30 }, (_, i) => i % 11) })
    // Slow replies, so that the two tabs' requests would overlap if both sent.
    site.collector.trouble.set({ delayMs: replyMs })
    // Both tabs start with the backlog waiting: each loads its outbox and tries to send it. Tab A
    // comes to the front as it reloads, so that neither has its timers held back for long.
    const tabB = await context.open(url)
    await tabA.focus()
    await tabA.reload()
    const rows = await site.rowsSince(mark, (rows) => rows.length >= given.length, 20_000)
    expect(asGiven(rows)).toEqual(asGiven(given))
    // A row is stored just before its reply leaves: wait for the replies too.
    await poll('every reply', async () => given.every(({ id }) => site.deliveriesOf(id, mark).accepted > 0))
    const acceptedTwice = given.filter(({ id }) => site.deliveriesOf(id, mark).accepted !== 1)
    expect(acceptedTwice.map(({ id }) => site.deliveries.slice(mark.deliveries).filter((delivery) => delivery.ids.includes(id)))).toEqual([])
    const requests = site.deliveries.slice(mark.deliveries)
    for (const [i, one] of requests.entries()) {
      for (const other of requests.slice(i + 1)) {
        const overlapping = other.start < one.start + replyMs && one.start < other.start + replyMs
        if (overlapping) expect(one.ids.filter((id) => other.ids.includes(id))).toEqual([])
      }
    }
    await tabB.waitFor('tab B’s view of the queue to empty', () => !Object.keys(localStorage).some((key) => key.startsWith('sayso:q:')))
    expect(await reported(tabA)).toEqual({ pageErrors: [], saysoErrors: [] })
    expect(await reported(tabB)).toEqual({ pageErrors: [], saysoErrors: [] })
  })

  it('22: one departure, one send — hidden, then left, the page sends each waiting answer once', async () => {
    const { site } = setup
    const context = await engine.context()
    const url = site.serve('/outbox', page)
    const tab = await context.open(url)
    const given = await tab.evaluate(leaveBacklog, { surveyId: `departure-${name}`, scores: [4, 8, 10] })
    // The endpoint asks for a pause (Retry-After: 200 s), so that only the departure sends them.
    site.collector.trouble.set({ mode: '429', retryAfter: 200 })
    const before = await site.mark()
    await tab.reload()
    await poll('the first attempt to be refused', async () => site.deliveries.slice(before.deliveries).some((delivery) => delivery.status === 429))
    // Slow replies, as over any real network: the page has left before a reply can come back.
    site.collector.trouble.set({ mode: 'none', delayMs: 300 })
    const mark = await site.mark()

    // The visitor switches away (the page is hidden), then leaves it for another page.
    await tab.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true })
      document.dispatchEvent(new Event('visibilitychange'))
    })
    await tab.goto(site.blank)
    await poll('every answer to arrive', async () => given.every(({ id }) => site.deliveriesOf(id, mark).accepted > 0), 8000)
    // A second copy would follow within milliseconds; give it time to show.
    await sleep(500)
    expect(given.map(({ id }) => site.deliveriesOf(id, mark))).toEqual(given.map(() => ({ requests: 1, accepted: 1 })))
    const rows = await site.rowsSince(before)
    expect(asGiven(rows)).toEqual(asGiven(given))
  })
})
