import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { asGiven, leaveBacklog } from './backlog'
import type { Tab } from './engines/driver'
import { engineNames, useEngine } from './engines/use-engine'
import { queued, reported, sayso, started } from './pages/in-page'
import { snippetPage } from './pages/snippet-page'
import { root } from './harness'
import { useSite } from './site'

// Issue #7: sayso.js loads its other parts only when a page view needs them: sayso.ui.<hash>.js and
// sayso.outbox.<hash>.js when a survey is on its way, the outbox alone when answers wait from an
// earlier page view, sayso.remote.<hash>.js when surveys come from configUrl. Issue #12: the same
// from a CDN, another origin than the page's, which must send Access-Control-Allow-Origin.
const setup = useSite()

const config = (surveys: object[], more: object = {}) => ({ endpoint: '/api/answers', frequency: { cooldownDays: 0 }, surveys, ...more })
/** The parts a page view asked for from the site, by name. */
const partsSince = (mark: { requests: number }) => setup.site.partsRequested(mark.requests).sort()
/** The parts a page loaded from wherever it found them (the CDN included), by name. */
const partsLoaded = (tab: Tab) =>
  tab.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((entry) => /\/sayso\.(\w+)\.[0-9a-f]{8}\.js$/.exec(entry.name))
      .filter((match) => !!match)
      .map((match) => `${new URL(match.input).origin} ${match[1]}`)
      .sort()
  )

describe.each(engineNames)('in %s, the parts of the core build', (name) => {
  const engine = useEngine(name)

  it('none is requested on a page view where no survey may ask this visitor and nothing waits to be sent', async () => {
    const { site } = setup
    const mark = await site.mark()
    // Surveys for readers of another language, and one only shown on demand.
    const url = site.serve('/lazy', snippetPage({
      config: config([
        { id: 'after-buy', type: 'nps', trigger: { event: 'purchase' }, audience: { locale: 'xx' } },
        { id: 'pricing', type: 'ces', trigger: { url: '/pricing' }, audience: { locale: 'xx' } },
        { id: 'manual', type: 'csat', trigger: 'manual' }
      ]),
      calls: `sayso('track', 'something_else');`
    }))
    const tab = await (await engine.context()).open(url)
    await started(tab)
    // Idle work happens within 2 s at the latest.
    await tab.evaluate(() => new Promise((done) => setTimeout(done, 2500)))
    expect(partsSince(mark)).toEqual([])
    expect(await reported(tab)).toEqual({ pageErrors: [], saysoErrors: [] })
  })

  it('the drawing and sending parts load once the page has, for a survey that may ask, which then shows at its moment and records the answer', async () => {
    const { site } = setup
    const mark = await site.mark()
    const url = site.serve('/lazy', snippetPage({ config: config([{ id: 'lazy-nps', type: 'nps', trigger: { event: 'purchase', delay: 500 } }]) }))
    const tab = await (await engine.context()).open(url)
    await started(tab)
    // Before its moment: loaded, nothing on screen.
    // Bounded: 50 looks, 100 ms apart.
    for (let i = 0; i < 50 && partsSince(mark).length < 2; i++) await tab.evaluate(() => new Promise((done) => setTimeout(done, 100)))
    expect(partsSince(mark)).toEqual(['outbox', 'ui'])
    expect(await tab.evaluate(() => !document.querySelector('sayso-widget'))).toBe(true)
    await sayso(tab, 'track', 'purchase')
    await tab.find('dialog', 'How likely are you to recommend us to a friend or colleague?')
    expect(partsSince(mark)).toEqual(['outbox', 'ui'])
    await (await tab.find('radio', '10')).click()
    const rows = await site.rowsSince(mark)
    expect(rows).toEqual([expect.objectContaining({ surveyId: 'lazy-nps', score: 10 })])
    expect(await reported(tab)).toEqual({ pageErrors: [], saysoErrors: [] })
  })

  it('with the build’s preload links (dist/preload.html), a survey on page view fetches each part once, as the page loads', async () => {
    const { site } = setup
    const mark = await site.mark()
    const preload = readFileSync(join(root, 'dist/preload.html'), 'utf8')
    // When sayso.js has run: its element's load event comes right after (load does not bubble, but is captured).
    const ranAt = `<script>document.addEventListener('load', (event) => { if (/sayso\\.js$/.test(event.target.src || '')) window.saysoRanAt = performance.now() }, true)</script>`
    const url = site.serve('/preloaded', snippetPage({ config: config([{ id: 'preloaded-nps', type: 'nps' }]), head: ranAt + preload }))
    const tab = await (await engine.context()).open(url)
    await tab.find('dialog', 'How likely are you to recommend us to a friend or colleague?')
    // Asked for once each: the import() took what the links had fetched.
    expect(partsSince(mark)).toEqual(['outbox', 'ui'])
    // Asked for before sayso.js had run: without the links, only its running asks for them.
    const timing = await tab.evaluate(() => ({
      ran: (window as unknown as { saysoRanAt: number }).saysoRanAt,
      parts: performance
        .getEntriesByType('resource')
        .filter((entry) => /\/sayso\.(ui|outbox)\./.test(entry.name))
        .map((entry) => entry.startTime)
    }))
    expect(timing.parts).toHaveLength(2)
    for (const start of timing.parts) expect(start).toBeLessThan(timing.ran)
    expect(await reported(tab)).toEqual({ pageErrors: [], saysoErrors: [] })
  })

  it('the sending part alone loads on a page view where answers from an earlier one wait and no survey may ask, and sends them', async () => {
    const { site } = setup
    const tab = await (await engine.context()).open(site.blank)
    const waiting = await tab.evaluate(leaveBacklog, { surveyId: `left-over-${name}`, scores: [6, 7] })
    const mark = await site.mark()
    await tab.goto(site.serve('/lazy', snippetPage({ config: config([{ id: 'later', type: 'nps', trigger: { event: 'purchase' }, audience: { locale: 'xx' } }]) })))
    const rows = await site.rowsSince(mark, (rows) => rows.length >= waiting.length)
    expect(asGiven(rows)).toEqual(asGiven(waiting))
    await tab.waitFor('the queue to empty', () => !Object.keys(localStorage).some((key) => key.startsWith('sayso:q:')))
    expect(partsSince(mark)).toEqual(['outbox'])
    expect(await queued(tab)).toBe(0)
    expect(await reported(tab)).toEqual({ pageErrors: [], saysoErrors: [] })
  })

  it('the remote part loads for configUrl, and the surveys from it show', async () => {
    const { site } = setup
    const mark = await site.mark()
    site.serve('/remote-surveys.json', JSON.stringify({ surveys: [{ id: 'from-remote', type: 'ces', task: 'find a gift' }] }), { 'content-type': 'application/json' })
    const tab = await (await engine.context()).open(site.serve('/lazy', snippetPage({ config: config([], { configUrl: '/remote-surveys.json' }) })))
    await tab.find('dialog', 'It was easy for me to find a gift.')
    expect(partsSince(mark)).toEqual(['outbox', 'remote', 'ui'])
    expect(await reported(tab)).toEqual({ pageErrors: [], saysoErrors: [] })
  })

  it('from a CDN (another origin, with Access-Control-Allow-Origin): the parts load from beside sayso.js and a survey is answered', async () => {
    const { site } = setup
    const mark = await site.mark()
    const url = site.serve('/from-cdn', snippetPage({ config: config([{ id: 'cdn-csat', type: 'csat', followUp: false }]), src: `${site.cdn}/sayso.js` }))
    const tab = await (await engine.context()).open(url)
    await (await tab.find('radio', '5')).click()
    const rows = await site.rowsSince(mark)
    expect(rows).toEqual([expect.objectContaining({ surveyId: 'cdn-csat', score: 5, complete: true, url })])
    expect(await partsLoaded(tab)).toEqual([`${site.cdn} outbox`, `${site.cdn} ui`])
    expect(await reported(tab)).toEqual({ pageErrors: [], saysoErrors: [] })
  })

  it('from a CDN that leaves out Access-Control-Allow-Origin: no survey, and `error` says which part could not load', async () => {
    const { site } = setup
    site.fail(/^\/sayso\./, 'no-cors')
    const url = site.serve('/from-cdn', snippetPage({ config: config([{ id: 'cdn-csat', type: 'csat' }]), src: `${site.otherOrigin}/sayso.js` }))
    const tab = await (await engine.context()).open(url)
    await started(tab)
    const { saysoErrors, pageErrors } = await tab.waitFor('sayso to report', () => window.testPage.saysoErrors.length > 0 && window.testPage)
    expect(saysoErrors).toContainEqual(expect.stringMatching(/^ui: loading sayso's ui part failed: /))
    for (const error of saysoErrors) expect(error).toMatch(/^(ui|transport): loading sayso's (ui|outbox) part failed: /)
    expect(pageErrors).toEqual([])
    expect(await tab.evaluate(() => document.querySelectorAll('sayso-widget').length)).toBe(0)
    // Both parts failed: a rejection of either left unhandled would reach the page a task or more later.
    const later = await tab.evaluate(() => new Promise<string[]>((done) => setTimeout(() => done(window.testPage.pageErrors), 300)))
    expect(later).toEqual([])
  })
})
