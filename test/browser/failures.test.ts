import { describe, expect, it } from 'vitest'
import { asGiven, leaveBacklog } from './backlog'
import { engineNames, useEngine } from './engines/use-engine'
import { freePort } from './free-port'
import { queued, reported, started } from './pages/in-page'
import { snippetPage } from './pages/snippet-page'
import { useSite } from './site'

// docs/embedding.md's first promise ("What sayso promises the page"): whatever fails, nothing reaches the page's own `error` and
// `unhandledrejection` handlers (the test page's recorder has both), and sayso's `error` event
// says what happened. Answers are never lost on the way.
const setup = useSite()

const config = (surveys: object[], more: object = {}) => ({ endpoint: '/api/answers', frequency: { cooldownDays: 0 }, surveys, ...more })
const part = (name: string) => new RegExp(`^/sayso\\.${name}\\.[0-9a-f]{8}\\.js$`)
const nothingOnScreen = () => document.querySelectorAll('sayso-widget').length === 0

describe.each(engineNames)('in %s, nothing that fails reaches the page', (name) => {
  const engine = useEngine(name)
  const open = async (url: string, waiting: number[] = []) => {
    const tab = await (await engine.context()).open(setup.site.blank)
    const left = await tab.evaluate(leaveBacklog, { surveyId: `left-over-${name}`, scores: waiting })
    await tab.goto(url)
    await started(tab)
    return { tab, left }
  }
  /** What the page and sayso reported, once sayso said something. */
  const reports = (tab: Awaited<ReturnType<typeof open>>['tab']) => tab.waitFor('sayso to report', () => window.testPage.saysoErrors.length > 0 && window.testPage)
  /** What the page and sayso reported a moment later: a rejection left unhandled reaches the page a task or more after the failure. */
  const settled = (tab: Awaited<ReturnType<typeof open>>['tab']) =>
    tab.evaluate(() => new Promise<typeof window.testPage>((done) => setTimeout(() => done(window.testPage), 300)))

  it('the drawing part answering 404: reported, no survey, the page goes on working, and waiting answers still go out', async () => {
    const { site } = setup
    site.fail(part('ui'), 404)
    const mark = await site.mark()
    const page = snippetPage({ config: config([{ id: 'now', type: 'nps' }]), body: '<h1>A shop</h1><button type="button" onclick="this.textContent = \'Bought\'">Buy</button>' })
    const { tab, left } = await open(site.serve('/failing', page), [5])
    expect(await reports(tab)).toEqual({ pageErrors: [], saysoErrors: [expect.stringMatching(/^ui: loading sayso's ui part failed: /)] })
    expect(await tab.evaluate(nothingOnScreen)).toBe(true)
    expect(asGiven(await site.rowsSince(mark))).toEqual(asGiven(left))
    await (await tab.find('button', 'Buy')).click()
    await tab.find('button', 'Bought')
    expect((await reported(tab)).pageErrors).toEqual([])
  })

  it('the drawing part refused by CORS (sayso.js from another origin, the part without Access-Control-Allow-Origin): reported, no survey', async () => {
    const { site } = setup
    site.fail(part('ui'), 'no-cors')
    const page = snippetPage({ config: config([{ id: 'now', type: 'nps' }]), src: `${site.otherOrigin}/sayso.js` })
    const { tab } = await open(site.serve('/failing', page))
    expect(await reports(tab)).toEqual({ pageErrors: [], saysoErrors: [expect.stringMatching(/^ui: loading sayso's ui part failed: /)] })
    expect(await tab.evaluate(nothingOnScreen)).toBe(true)
    expect(await settled(tab)).toEqual({ pageErrors: [], saysoErrors: [expect.stringMatching(/^ui: /)] })
  })

  it('the sending part answering 404 when answers wait: reported, and they wait for a page view that can send them', async () => {
    const { site } = setup
    const restore = site.fail(part('outbox'), 404)
    const mark = await site.mark()
    const { tab, left } = await open(site.serve('/failing', snippetPage({ config: config([]) })), [9])
    expect(await reports(tab)).toEqual({ pageErrors: [], saysoErrors: [expect.stringMatching(/^transport: loading sayso's outbox part failed: /)] })
    expect(await queued(tab)).toBe(1)
    // Once the part is there again, the next page view sends them.
    restore()
    await tab.reload()
    expect(asGiven(await site.rowsSince(mark))).toEqual(asGiven(left))
    expect(await reported(tab)).toEqual({ pageErrors: [], saysoErrors: [] })
  })

  it('the sending part answering 404 when a survey comes: reported as such, and no survey shows without it', async () => {
    const { site } = setup
    site.fail(part('outbox'), 404)
    const { tab } = await open(site.serve('/failing', snippetPage({ config: config([{ id: 'now', type: 'nps' }]) })))
    expect(await reports(tab)).toEqual({ pageErrors: [], saysoErrors: [expect.stringMatching(/^transport: loading sayso's outbox part failed: /)] })
    expect(await tab.evaluate(nothingOnScreen)).toBe(true)
  })

  it('the remote part answering 404: reported at configUrl, and the inline surveys still show', async () => {
    const { site } = setup
    site.fail(part('remote'), 404)
    const { tab } = await open(site.serve('/failing', snippetPage({ config: config([{ id: 'inline', type: 'csat' }], { configUrl: '/remote-surveys.json' }) })))
    await tab.find('dialog', 'How satisfied are you with your experience today?')
    expect(await reported(tab)).toEqual({ pageErrors: [], saysoErrors: [expect.stringMatching(/^config: configUrl: loading sayso's remote part failed: /)] })
  })

  it('a language answering 404: reported, and the survey shows in English', async () => {
    const { site } = setup
    site.fail(/^\/i18n\/fr\.[0-9a-f]{8}\.js$/, 404)
    const { tab } = await open(site.serve('/failing', snippetPage({ config: config([{ id: 'french', type: 'nps' }], { locale: 'fr' }), lang: 'fr' })))
    await tab.find('dialog', 'How likely are you to recommend us to a friend or colleague?')
    expect(await reported(tab)).toEqual({ pageErrors: [], saysoErrors: ['ui: the texts for "fr" could not be loaded; showing English'] })
  })

  it('a language refused by CORS (sayso.js from another origin): reported, and the survey shows in English', async () => {
    const { site } = setup
    site.fail(/^\/i18n\/de\.[0-9a-f]{8}\.js$/, 'no-cors')
    const page = snippetPage({ config: config([{ id: 'german', type: 'nps' }], { locale: 'de' }), lang: 'de', src: `${site.otherOrigin}/sayso.js` })
    const { tab } = await open(site.serve('/failing', page))
    await tab.find('dialog', 'How likely are you to recommend us to a friend or colleague?')
    expect(await settled(tab)).toEqual({ pageErrors: [], saysoErrors: ['ui: the texts for "de" could not be loaded; showing English'] })
  })

  it('an endpoint that refuses connections: the answer waits, and `error` says it could not be sent', async () => {
    const { site } = setup
    const endpoint = `http://127.0.0.1:${await freePort()}/api/answers`
    const { tab } = await open(site.serve('/failing', snippetPage({ config: config([{ id: 'unsent', type: 'nps', followUp: false }], { endpoint }) })))
    await (await tab.find('radio', '8')).click()
    const { pageErrors, saysoErrors } = await reports(tab)
    expect(pageErrors).toEqual([])
    expect(saysoErrors).toContainEqual(expect.stringMatching(/^transport: /))
    expect(await queued(tab)).toBe(1)
  })

  it('a transport that throws: the answer waits, and `error` says the transport failed', async () => {
    const { site } = setup
    const page = snippetPage({
      config: `{ transport: function () { throw new Error('the webhook is down') }, surveys: [{ id: 'thrown', type: 'nps', followUp: false }] }`
    })
    const { tab } = await open(site.serve('/failing', page))
    await (await tab.find('radio', '2')).click()
    const { pageErrors, saysoErrors } = await reports(tab)
    expect(pageErrors).toEqual([])
    expect(saysoErrors[0]).toBe('transport: the transport failed: the webhook is down')
    expect(await queued(tab)).toBe(1)
  })
})
