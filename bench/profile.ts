// Where sayso's time goes, from Chromium traces (CDP Tracing through Playwright): a survey opened
// on the storefront (one file, and the lazy build with its parts loaded and fetching them), and
// the zero-code page from navigation to the survey on screen. Prints the main thread's time by
// kind of work and its tasks, and leaves the traces in test-output/ for DevTools' Performance
// panel. `npx tsx bench/profile.ts [visits]` (after `npm run build`); the figures are one
// traced visit each (tracing slows everything: compare kinds, not with the bench).
import { mkdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { startBenchServer } from './bench-server'
import { saysoFind, setUpCandidates } from './candidates'
import { storefrontPage, zeroCodePage } from './pages'
import { summarizeTrace, type TraceSummary } from './trace-summary'
import { launchChromium, visit } from './visit'

const root = resolve(import.meta.dirname, '..')
const visits = Math.max(1, Number(process.argv[2] ?? 2))
const folder = join(root, 'test-output/profile')
mkdirSync(folder, { recursive: true })

const server = await startBenchServer()
const { candidates } = await setUpCandidates(server, root)
const byKey = new Map(candidates.map((candidate) => [candidate.key, candidate]))
server.page('/shop', (url) => storefrontPage(byKey.get(url.searchParams.get('candidate') ?? '')?.head))
server.page('/zero-code', (url) => zeroCodePage(root, url.searchParams.get('script') ?? 'sayso.js'))
const browser = await launchChromium()

const print = (title: string, summary: TraceSummary) => {
  const kinds = Object.entries(summary.byKind)
    .sort((a, b) => b[1] - a[1])
    .map(([kind, ms]) => `${kind} ${ms.toFixed(1)}`)
    .join(', ')
  console.log(`\n${title}: ${summary.span.toFixed(1)} ms traced\n  main thread, ms: ${kinds}`)
  for (const { file, sent, finished } of summary.requests) console.log(`  request ${file}: sent at ${sent.toFixed(1)}, finished at ${finished?.toFixed(1) ?? '?'}`)
  for (const task of summary.tasks) console.log(`  task at ${task.start.toFixed(1).padStart(6)}, ${task.ms.toFixed(1).padStart(5)} ms: ${task.what}`)
}

const scenarios = [
  ...['sayso-full', 'sayso', 'sayso parts loaded', 'sentry', 'formbricks', 'posthog'].map((key) => ({ key, kind: 'open' as const })),
  ...['sayso.js', 'sayso.full.js'].map((key) => ({ key, kind: 'zero-code' as const }))
]
for (let run = 1; run <= visits; run++) {
  for (const { key, kind } of scenarios) {
    const trace = join(folder, `${kind}-${key.replaceAll(' ', '-')}-${run}.json`)
    if (kind === 'zero-code') {
      const tab = await visit(browser, `${server.base}/zero-code?script=${key}`, { trace, init: `__bench.visibleAt = __bench.visible(() => ${saysoFind})` })
      await tab.measure('__bench.visibleAt')
      await tab.close()
      print(`zero-code page, ${key}, navigation → visible (${trace})`, summarizeTrace(JSON.parse(readFileSync(trace, 'utf8')), 'navigationStart', 'bench:visible'))
      continue
    }
    const candidate = byKey.get(key)!
    const tab = await visit(browser, `${server.base}/shop?candidate=${encodeURIComponent(candidate.key)}`, { trace })
    await tab.ready()
    await tab.page.waitForTimeout(1000)
    if (candidate.prepare) await tab.measure(candidate.prepare)
    await tab.measure(`__bench.openToVisible(() => { ${candidate.open} }, () => ${candidate.find})`)
    await tab.close()
    print(`${candidate.name}, call → visible (${trace})`, summarizeTrace(JSON.parse(readFileSync(trace, 'utf8')), 'bench:call', 'bench:visible'))
  }
}
await browser.close()
await server.close()
