// The bench's tables: this run's figures, sayso as ratios of each peer measured in the same
// run, and whether each target of issue #18 is met.
import type { Candidate } from './candidates'
import { kB, median, ms, show, spread, times, type Spread } from './stats'
import type { PageLoad } from './visit'

/** Every file a page fetched, by URL path: asked for, and its last byte, ms since navigation. */
export type Resources = Record<string, { start: number; end: number }>

/** The files whose paths match: the first asked for, and the last byte of the last. */
const windowOf = (resources: Resources, paths: RegExp) => {
  const times = Object.entries(resources)
    .filter(([path]) => paths.test(path))
    .map(([, time]) => time)
  return times.length ? { start: Math.min(...times.map((time) => time.start)), end: Math.max(...times.map((time) => time.end)) } : undefined
}
const saysoScripts = /\/sayso[\w.-]*\.js$/

export interface ZeroCodeVisit {
  visible: number
  /** The URL path of the sayso file the page loaded. */
  script: string
  html: number
  domContentLoaded: number
  ran: number
  resources: Resources
}

export interface Results {
  rounds: number
  machine: string
  chromium: string
  /** The sayso builds compared: '' for this checkout's, then the names given. */
  sayso: string[]
  pageLoad: Record<string, PageLoad[]>
  open: Record<string, number[]>
  /** Main-thread CPU from the call to visible (CDP TaskDuration, thread time), ms. */
  openCpu: Record<string, number[]>
  bytes: Record<string, { page: number; open: number }>
  zeroCode: Record<string, ZeroCodeVisit[]>
  /** Each visit's survey visible, the event (event trigger), and the files it fetched. */
  slow: Record<string, { visible: number; event?: number; resources: Resources }[]>
}

/** One frame at 60 Hz: what "visible" can be resolved to. */
const frame = 1000 / 60

const table = (head: string[], rows: string[][]) =>
  [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n')

/** The rows of one sayso build: its key suffix and the three ways it is opened. */
const saysoRows = (name: string) => {
  const at = name ? `@${name}` : ''
  const of = name ? ` — ${name}` : ''
  return {
    full: { key: `sayso-full${at}`, label: `sayso one file (sayso.full.js)${of}, \`show\`` },
    fetching: { key: `sayso${at}`, label: `sayso lazy (sayso.js)${of}, \`show\`, its parts fetched at the call` },
    loaded: { key: `sayso${at} parts loaded`, label: `sayso lazy (sayso.js)${of}, \`show\`, its parts loaded before (by a survey on its way)` }
  }
}

export const printReport = (results: Results, candidates: Candidate[], { eventAtMs, delayMs }: { eventAtMs: number; delayMs: number }) => {
  const { pageLoad, open, openCpu, bytes, rounds } = results
  const baseline = (field: 'script' | 'heap') => median(pageLoad.none.map((visit) => visit[field]))
  const added = (key: string, field: 'script' | 'heap'): Spread => spread(pageLoad[key].map((visit) => visit[field] - baseline(field)))
  const withLongTask = (key: string) => pageLoad[key].filter((visit) => visit.longTasks.length).length
  const peers = candidates.filter((candidate) => !candidate.key.startsWith('sayso'))
  const opening = (key: string) => median(open[key])
  const fastestPeer = peers.reduce((best, peer) => (opening(peer.key) < opening(best.key) ? peer : best))
  const cheapestPeer = peers.reduce((best, peer) => (added(peer.key, 'script').median < added(best.key, 'script').median ? peer : best))
  const fastest = opening(fastestPeer.key)
  const heapOf = (key: string) => added(key, 'heap').median
  const bytesOf = (key: string) => `${kB(bytes[key].page)}${bytes[key].open ? ` + ${kB(bytes[key].open)} when it opens` : ''}`

  const rows = [
    ...peers.map((peer) => ({ key: peer.key, label: `${peer.name}, \`${peer.api}\`` })),
    ...results.sayso.flatMap((name) => Object.values(saysoRows(name)))
  ]
  console.log(`
sayso and its peers in headless Chromium ${results.chromium}, ${results.machine}; median (range) of ${rounds} visits each, a fresh profile per visit, the candidates interleaved

The storefront page view, then one survey opened (loopback)

${table(
  ['', 'script (brotli)', 'page-load script time', 'visits with a long task', 'JS heap added', 'call → survey visible', 'main-thread CPU for it', `÷ fastest peer (${fastestPeer.name})`],
  rows.map(({ key, label }) => [
    label,
    bytesOf(key),
    show(added(key, 'script')),
    `${withLongTask(key)} of ${pageLoad[key].length}`,
    `+${kB(heapOf(key))}`,
    show(spread(open[key])),
    ms(median(openCpu[key])),
    times(opening(key), fastest)
  ])
)}

Without any of them the page runs ${ms(baseline('script'))} of script, ${withLongTask('none')} of ${pageLoad.none.length} visits have a long task, heap ${kB(baseline('heap'))}.`)

  console.log(`
sayso ÷ each peer, same run (under 1× is smaller or sooner): script bytes at page load (the lazy build's first open adds its parts), page-load script time, JS heap added, call → visible

${table(
  ['', ...peers.map((peer) => `÷ ${peer.name}`)],
  results.sayso.flatMap((name) =>
    Object.values(saysoRows(name)).map(({ key, label }) => [
      label,
      ...peers.map((peer) => {
        const ownBytes = bytes[key].page + (key.endsWith('parts loaded') ? 0 : bytes[key].open)
        return `bytes ${times(ownBytes, bytes[peer.key].page)}, script ${times(added(key, 'script').median, added(peer.key, 'script').median)}, heap ${times(heapOf(key), heapOf(peer.key))}, open ${times(opening(key), opening(peer.key))}`
      })
    ])
  )
)}`)

  const moment = (visits: ZeroCodeVisit[], pick: (visit: ZeroCodeVisit) => number | undefined) => {
    const values = visits.map(pick).filter((value): value is number => value !== undefined)
    return values.length ? show(spread(values)) : '–'
  }
  const partsEnd = (visit: ZeroCodeVisit) => windowOf(visit.resources, /\/sayso\.(ui|outbox)\./)?.end
  console.log(`
The zero-code page (demo/zero-code.html: one tag, an NPS survey on page view; loopback), ms from navigation

${table(
  ['', 'HTML received', 'script received', 'script ran', 'DOMContentLoaded', 'parts received', 'survey visible'],
  Object.entries(results.zeroCode).map(([key, visits]) => [
    key,
    moment(visits, (visit) => visit.html),
    moment(visits, (visit) => visit.resources[visit.script]?.end),
    moment(visits, (visit) => visit.ran),
    moment(visits, (visit) => visit.domContentLoaded),
    moment(visits, partsEnd),
    moment(visits, (visit) => visit.visible)
  ])
)}`)

  const slowRows = [
    { trigger: 'event', label: `event (checkout ${(eventAtMs / 1000).toFixed(1)} s into the visit), from the event`, fromEvent: true },
    { trigger: 'delay', label: `delay of ${(delayMs / 1000).toFixed(1)} s, from navigation`, fromEvent: false },
    { trigger: 'page view', label: 'page view, from navigation', fromEvent: false }
  ]
  const slow = (trigger: string, key: string, fromEvent: boolean) => spread(results.slow[`${trigger} ${key}`].map((visit) => visit.visible - (fromEvent ? visit.event! : 0)))
  const lateness = (trigger: string, name: string, fromEvent: boolean) => {
    const prefix = name ? `${name} ` : ''
    return slow(trigger, `${prefix}sayso.js`, fromEvent).median - slow(trigger, `${prefix}sayso.full.js`, fromEvent).median
  }
  // A survey on page view: the lazy build with the links that fetch its parts beside it (and
  // fetchpriority="high" on its tag), against the sooner of the one file with and without it.
  const oneFileOnPageView = Math.min(slow('page view', 'sayso.full.js', false).median, slow('page view', 'sayso.full.js high', false).median)
  const preloadedLateness = slow('page view', 'sayso.js preloaded', false).median - oneFileOnPageView
  const signed = (value: number) => `${value >= 0 ? '+' : '−'}${ms(Math.abs(value))}`
  console.log(`
sayso on a slow network (CDP Network.emulateNetworkConditions: 150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up): a triggered survey visible; on page view ${rounds * 3} visits each, else ${rounds}

${table(
  ['trigger', 'build', 'sayso.js (lazy)', 'sayso.full.js (one file)', 'lazy − one file (medians)'],
  slowRows.flatMap(({ trigger, label, fromEvent }) =>
    results.sayso.map((name) => {
      const prefix = name ? `${name} ` : ''
      return [label, name || 'this checkout', show(slow(trigger, `${prefix}sayso.js`, fromEvent)), show(slow(trigger, `${prefix}sayso.full.js`, fromEvent)), signed(lateness(trigger, name, fromEvent))]
    })
  ).concat([
    [
      'page view, from navigation, with dist/preload.html’s links and fetchpriority="high" (one file: with it too)',
      'this checkout',
      show(slow('page view', 'sayso.js preloaded', false)),
      show(slow('page view', 'sayso.full.js high', false)),
      signed(preloadedLateness)
    ]
  ])
)}

Where a survey on page view spends its time on the slow network, medians of the same visits: the
scripts on the wire (sayso's first script asked for → the last byte of the last), then the
scripts' compiling, running and drawing until the frame that shows it

${table(
  ['page view', 'scripts asked for', 'on the wire', 'last byte → visible', 'visible'],
  ['sayso.js', 'sayso.full.js', 'sayso.js preloaded', 'sayso.full.js high'].map((key) => {
    const visits = results.slow[`page view ${key}`].map((visit) => ({ visible: visit.visible, scripts: windowOf(visit.resources, saysoScripts)! }))
    const of = (pick: (visit: (typeof visits)[number]) => number) => ms(median(visits.map(pick)))
    return [key, of((visit) => visit.scripts.start), of((visit) => visit.scripts.end - visit.scripts.start), of((visit) => visit.visible - visit.scripts.end), of((visit) => visit.visible)]
  })
)}`)

  const own = saysoRows('')
  const peerScript = added(cheapestPeer.key, 'script').median
  const smallestPeerHeap = Math.min(...peers.map((peer) => heapOf(peer.key)))
  // On page view the lazy build's parts can only be asked for once it has run, unless the page
  // links them (dist/preload.html): the target is met with them, and the figure without is shown beside.
  const late = slowRows.map(({ trigger, fromEvent }) => ({ trigger, by: trigger == 'page view' ? preloadedLateness : lateness(trigger, '', fromEvent) }))
  const builds = [own.full.key, own.fetching.key]
  const targets: [boolean, string][] = [
    [
      opening(own.full.key) <= 0.8 * fastest && opening(own.loaded.key) <= 0.8 * fastest,
      `call → visible, parts loaded, ≤ 0.8 × the fastest peer (${fastestPeer.name}, ${ms(fastest)}: ≤ ${ms(0.8 * fastest)}): sayso.full.js ${ms(opening(own.full.key))}, sayso.js ${ms(opening(own.loaded.key))}`
    ],
    [opening(own.fetching.key) <= 1.5 * fastest, `sayso.js's first open, fetching its parts, ≤ 1.5 × the fastest peer (≤ ${ms(1.5 * fastest)}): ${ms(opening(own.fetching.key))}`],
    [late.every(({ by }) => by <= frame), `slow network: sayso.js no later than sayso.full.js (within a frame, ${ms(frame)}): ${late.map(({ trigger, by }) => `${trigger} ${signed(by)}`).join(', ')} (page view with the preload links; without them ${signed(lateness('page view', '', false))})`],
    [
      builds.every((key) => added(key, 'script').median < peerScript / 3),
      `page-load script time < 1/3 of the cheapest peer's (${cheapestPeer.name}, ${ms(peerScript)}: < ${ms(peerScript / 3)}): sayso.js ${ms(added(own.fetching.key, 'script').median)}, sayso.full.js ${ms(added(own.full.key, 'script').median)}`
    ],
    [
      builds.every((key) => median(pageLoad[key].map((visit) => visit.longTasks.length)) === 0),
      `no long task at page load (in the median visit): visits with one — sayso.js ${withLongTask(own.fetching.key)}, sayso.full.js ${withLongTask(own.full.key)}, the page alone ${withLongTask('none')}, of ${rounds}`
    ],
    [
      builds.every((key) => heapOf(key) < smallestPeerHeap),
      `JS heap added the smallest: sayso.js +${kB(heapOf(own.fetching.key))}, sayso.full.js +${kB(heapOf(own.full.key))}, the smallest peer's +${kB(smallestPeerHeap)}`
    ]
  ]
  console.log(`
Targets (issue #18), for this checkout's build
${targets.map(([met, text]) => `  ${met ? 'met    ' : 'NOT met'}  ${text}`).join('\n')}
  (stated) zero-code, navigation → visible: sayso.js ${moment(results.zeroCode['sayso.js'], (visit) => visit.visible)}, with the preload links ${moment(results.zeroCode['sayso.js preloaded'], (visit) => visit.visible)}, sayso.full.js ${moment(results.zeroCode['sayso.full.js'], (visit) => visit.visible)}
`)
}
