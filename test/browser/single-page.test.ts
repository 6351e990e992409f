import { describe, expect, it } from 'vitest'
import type { Tab } from './engines/driver'
import { engineNames, useEngine } from './engines/use-engine'
import { snippetPage } from './pages/snippet-page'
import { useSite } from './site'

// Single-page apps: route changes the page makes itself, with history.pushState, and never a
// call to sayso('page'). Chromium sees them through the Navigation API; Firefox ESR 153 has it
// too; WebKit has none, and sayso must notice the change some other way (docs/embedding.md, "Which browsers").
const setup = useSite()

// A tiny app of the test's own: its links change the route with pushState and redraw the page.
// Not the demo at /spa/: a click trigger there makes sayso look at the URL on every click,
// which would hide whether the route change itself was noticed.
const appPage = (delay: number) =>
  snippetPage({
    config: { endpoint: '/api/answers', surveys: [{ id: 'thanks-nps', type: 'nps', trigger: { url: '/app/thank-you', delay } }] },
    body: `<nav><a href="/app/">Home</a> · <a href="/app/thank-you">Thank you</a></nav><main id="route"></main>
<script>
  document.addEventListener('click', function (event) {
    var link = event.target.closest('a');
    if (!link) return;
    event.preventDefault();
    history.pushState(null, '', link.getAttribute('href'));
    document.getElementById('route').textContent = link.textContent;
  });
</script>`
  })
const leaveWithinDelayMs = 3000
/** Serves the app on its two routes; returns the address of `route`. */
const serveApp = (delay: number, route: string) => {
  const html = appPage(delay)
  for (const path of ['/app/', '/app/thank-you']) setup.site.serve(path, html)
  return `${setup.site.base}${route}`
}

const dialogName = (tab: Tab) => tab.evaluate(() => document.querySelector('sayso-widget')?.shadowRoot?.getElementById('sayso-title')?.textContent ?? null)
// A mark that only a full page load would wipe.
const markLoad = (tab: Tab) => tab.evaluate(() => ((window as unknown as { loadedOnce: boolean }).loadedOnce = true))
const stillSamePage = (tab: Tab) => tab.evaluate(() => (window as unknown as { loadedOnce?: boolean }).loadedOnce === true)

describe.each(engineNames)('in %s, a single-page app', (name) => {
  const engine = useEngine(name)

  it('shows a URL-matched survey after a client-side route change, with no reload', async () => {
    const tab = await (await engine.context()).open(serveApp(500, '/app/'))
    await tab.waitFor('sayso to start', () => (window as unknown as { sayso?: { version?: string } }).sayso?.version)
    await markLoad(tab)
    await (await tab.find('link', 'Thank you')).click()
    await tab.find('dialog', 'How likely are you to recommend us to a friend or colleague?')
    expect(new URL(await tab.url()).pathname).toBe('/app/thank-you')
    expect(await stillSamePage(tab)).toBe(true)
    expect(await tab.evaluate(() => window.testPage)).toEqual({ pageErrors: [], saysoErrors: [] })
  })

  it('cancels the delayed survey when the route changes before its delay is over', async () => {
    const tab = await (await engine.context()).open(serveApp(leaveWithinDelayMs, '/app/thank-you'))
    await tab.waitFor('sayso to start', () => (window as unknown as { sayso?: { version?: string } }).sayso?.version)
    await markLoad(tab)
    await (await tab.find('link', 'Home')).click()
    // Left well within the delay (else this run proves nothing), then waited past it.
    const leftAfterMs = await tab.evaluate(() => performance.now())
    expect(leftAfterMs).toBeLessThan(leaveWithinDelayMs)
    expect(new URL(await tab.url()).pathname).toBe('/app/')
    await tab.evaluate((ms) => new Promise((done) => setTimeout(done, ms)), leaveWithinDelayMs - leftAfterMs + 1000)
    expect(await dialogName(tab)).toBeNull()
    expect(await stillSamePage(tab)).toBe(true)
    expect(await tab.evaluate(() => window.testPage)).toEqual({ pageErrors: [], saysoErrors: [] })
  })
})
