// sayso beside its peers in one run of headless Chromium on loopback: what each costs the
// storefront's page view, and how soon a survey is on screen once asked for; then, for sayso's
// two builds alone, a zero-code survey on page view and triggered surveys on a slow network.
// Every visit has a fresh browser context; the candidates take turns, in an order that moves
// each round; every figure is the median of the rounds, with the range beside it.
//
// BENCH_RUNS=n sets the rounds (7). BENCH_HTTP=2 serves everything over HTTP/2 with TLS, as a CDN
// would (HTTP/1.1 by default). BENCH_SAYSO="before=/tmp/dist-before,…" adds other builds
// of sayso (built dist/ folders) to every table, to show in one run what a change buys.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { cpus } from 'node:os'
import { join, resolve } from 'node:path'
import { startBenchServer } from './bench-server'
import { saysoFind, saysoHead, setUpCandidates, type SaysoTrigger } from './candidates'
import { storefrontPage, zeroCodePage } from './pages'
import { printReport, type Resources, type Results, type ZeroCodeVisit } from './report'
import { interleave } from './stats'
import { launchChromium, slowNetwork, withVisit, type Visit } from './visit'

const root = resolve(import.meta.dirname, '..')
const rounds = Math.max(1, Number(process.env.BENCH_RUNS ?? 7))
const others = (process.env.BENCH_SAYSO ?? '')
  .split(',')
  .filter(Boolean)
  .map((pair) => {
    const [name, dist] = pair.split('=')
    if (!/^[\w-]+$/.test(name) || !dist) throw new Error(`BENCH_SAYSO: expected name=folder pairs, got ${JSON.stringify(pair)}`)
    return { name, dist: resolve(dist) }
  })
/** The page view's window for its start-up cost: from navigation to this many ms. */
const pageLoadWindowMs = 2500
/** On the slow network, when the visitor completes checkout (the event trigger), ms after navigation. */
const eventAtMs = 2500
const delayMs = 1000
const triggers: Record<string, SaysoTrigger> = { event: { event: 'checkout_completed' }, delay: { delay: delayMs }, 'page view': undefined }

const http2 = process.env.BENCH_HTTP === '2'
const server = await startBenchServer({ http2 })
const { candidates, sayso } = await setUpCandidates(server, root, others)
const byKey = new Map(candidates.map((candidate) => [candidate.key, candidate]))
server.page('/shop', (url) => storefrontPage(byKey.get(url.searchParams.get('candidate') ?? '')?.head))
// The README's advice for a survey on page view: the build's preload links (dist/preload.html),
// and fetchpriority="high" on the script tag.
const preloadLinks = () => readFileSync(join(root, 'dist/preload.html'), 'utf8')
const highPriority = (html: string) => html.replace('<script async src=', '<script async fetchpriority="high" src=')
server.page('/zero-code', (url) => {
  const page = zeroCodePage(root, url.searchParams.get('script') ?? 'sayso.js')
  return url.searchParams.has('preload') ? highPriority(page.replace('</head>', `${preloadLinks()}</head>`)) : page
})
server.page('/triggered', (url) => {
  const trigger = url.searchParams.get('trigger') ?? 'page view'
  // The visitor completes checkout a fixed time into the visit, whichever build has loaded by then.
  const checkout = `<script>setTimeout(() => { __bench.event = performance.now(); sayso('track', 'checkout_completed') }, ${eventAtMs})</script>`
  const preload = url.searchParams.has('preload') ? preloadLinks() : ''
  const head = saysoHead(url.searchParams.get('script') ?? 'sayso.js', triggers[trigger])
  return storefrontPage(preload + (url.searchParams.has('high') ? highPriority(head) : head), trigger == 'event' ? checkout : '')
})

const browser = await launchChromium()
const results: Results = {
  rounds,
  machine: `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, served over ${http2 ? 'HTTP/2 (TLS)' : 'HTTP/1.1'}`,
  chromium: browser.version(),
  sayso: sayso.map(({ name }) => name),
  pageLoad: {},
  open: {},
  openCpu: {},
  bytes: {},
  zeroCode: {},
  slow: {}
}
const push = <T>(table: Record<string, T[]>, key: string, value: T) => (table[key] ??= []).push(value)
const scriptBytes = (paths: string[]) => [...new Set(paths)].reduce((sum, path) => sum + server.brotliSize(path), 0)
const waitUntil = (tab: Visit, at: number) => tab.page.evaluate(`new Promise((done) => setTimeout(done, ${at} - performance.now()))`)
const mainThreadMs = async (tab: Visit) => ((await tab.cdp.send('Performance.getMetrics')).metrics.find((metric) => metric.name === 'TaskDuration')?.value ?? 0) * 1000

// 1. The storefront with each candidate: its page view, then one survey opened.
const kinds = [undefined, ...candidates]
for (const [round, order] of interleave(kinds, rounds).entries()) {
  process.stdout.write(`\rthe storefront, round ${round + 1} of ${rounds}   `)
  for (const candidate of order) {
    const key = candidate?.key ?? 'none'
    const measured = await withVisit(browser, `${server.base}/shop${candidate ? `?candidate=${encodeURIComponent(candidate.key)}` : ''}`, {}, async (tab) => {
      if (candidate) await tab.ready()
      await waitUntil(tab, pageLoadWindowMs)
      const load = await tab.pageLoad()
      if (!candidate) return { load }
      const atLoad = tab.requested.length
      if (candidate.prepare) await tab.measure(candidate.prepare)
      const before = await mainThreadMs(tab)
      const open = await tab.measure(`__bench.openToVisible(() => { ${candidate.open} }, () => ${candidate.find})`)
      const cpu = (await mainThreadMs(tab)) - before
      return { load, open, cpu, bytes: { page: scriptBytes(tab.requested.slice(0, atLoad)), open: scriptBytes(tab.requested.slice(atLoad)) } }
    })
    push(results.pageLoad, key, measured.load)
    if (measured.open === undefined) continue
    push(results.open, key, measured.open)
    push(results.openCpu, key, measured.cpu)
    results.bytes[key] = measured.bytes
  }
}

// Each sayso build's two script files, for the pages that take one.
const scripts = sayso.flatMap((build) => ['sayso.js', 'sayso.full.js'].map((file) => ({ key: `${build.name ? `${build.name} ` : ''}${file}`, script: `${build.base.slice(1)}${file}` })))

// 2. The zero-code page (demo/zero-code.html): navigation to the survey on screen, and the
// moments on the way there (the page's response, the script's, DOMContentLoaded, the parts').
// Every file the page fetched, by path: when it was asked for and when its last byte came.
const resourceTimes = `Object.fromEntries(performance.getEntriesByType('resource').map((entry) => [new URL(entry.name).pathname, { start: entry.startTime, end: entry.responseEnd }]))`
const timeline = `(() => {
  const [navigation] = performance.getEntriesByType('navigation')
  return { html: navigation.responseEnd, domContentLoaded: navigation.domContentLoadedEventStart, ran: __bench.ranAt, resources: ${resourceTimes} }
})()`
const zeroCodeKinds = [...scripts.map((kind) => ({ ...kind, preload: false })), { key: 'sayso.js preloaded', script: 'sayso.js', preload: true }]
for (const [round, order] of interleave(zeroCodeKinds, rounds).entries()) {
  process.stdout.write(`\rthe zero-code page, round ${round + 1} of ${rounds}   `)
  for (const { key, script, preload } of order) {
    const init = `__bench.visibleAt = __bench.visible(() => ${saysoFind}); __bench.whenReady.then((at) => (__bench.ranAt = at))`
    const measured = await withVisit(browser, `${server.base}/zero-code?script=${script}${preload ? '&preload' : ''}`, { init }, async (tab) => {
      const visible = await tab.measure('__bench.visibleAt')
      return { visible, script: `/${script}`, ...((await tab.page.evaluate(timeline)) as Omit<ZeroCodeVisit, 'visible' | 'script'>) }
    })
    push(results.zeroCode, key, measured)
  }
}

// 3. sayso's builds on a slow network, a survey triggered by an event, a delay or the page view.
const slowKinds = [
  ...Object.keys(triggers).flatMap((trigger) => scripts.map((script) => ({ trigger, ...script, preload: false, high: false }))),
  { trigger: 'page view', key: 'sayso.js preloaded', script: 'sayso.js', preload: true, high: true },
  // The one file with the same tag: the lazy build is held to the sooner of the two.
  { trigger: 'page view', key: 'sayso.full.js high', script: 'sayso.full.js', preload: false, high: true }
]
// A survey on page view is measured in three times the rounds: the builds are within a frame
// of each other there, and a median of seven visits moves by about that much from run to run.
const pageViewRounds = rounds * 3
for (const [round, order] of interleave(slowKinds, pageViewRounds).entries()) {
  process.stdout.write(`\ron a slow network, round ${round + 1} of ${pageViewRounds}   `)
  for (const { trigger, key, script, preload, high } of order) {
    if (round >= rounds && trigger != 'page view') continue
    const url = `${server.base}/triggered?script=${script}&trigger=${encodeURIComponent(trigger)}${preload ? '&preload' : ''}${high ? '&high' : ''}`
    const measured = await withVisit(browser, url, { network: slowNetwork, init: `__bench.visibleAt = __bench.visible(() => ${saysoFind})` }, async (tab) => {
      const visible = await tab.measure('__bench.visibleAt', 20_000)
      const event = trigger == 'event' ? ((await tab.page.evaluate('__bench.event')) as number) : undefined
      return { visible, event, resources: (await tab.page.evaluate(resourceTimes)) as Resources }
    })
    push(results.slow, `${trigger} ${key}`, measured)
  }
}
process.stdout.write('\r'.padEnd(60) + '\r')

await browser.close()
await server.close()
printReport(results, candidates, { eventAtMs, delayMs })
mkdirSync(join(root, 'test-output'), { recursive: true })
writeFileSync(join(root, 'test-output/bench-sdk.json'), JSON.stringify(results, null, 2))
