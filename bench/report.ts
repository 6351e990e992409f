// The bench's tables: absolute figures of this run, sayso as ratios of each peer measured in
// the same run, and whether each target of issue #18 is met.
import type { Candidate } from './candidates'
import { kB, median, ms, show, spread, times, type Spread } from './stats'
import type { PageLoad } from './visit'

export interface ZeroCodeVisit {
  visible: number
  html: number
  domContentLoaded: number
  ran: number
  resources: Record<string, { start: number; end: number }>
}

export interface Results {
  rounds: number
  machine: string
  chromium: string
  pageLoad: Record<string, PageLoad[]>
  open: Record<string, number[]>
  bytes: Record<string, { page: number; open: number }>
  zeroCode: Record<string, ZeroCodeVisit[]>
  slow: Record<string, { visible: number; event?: number }[]>
}

/** One frame at 60 Hz: what "visible" can be resolved to. */
const frame = 1000 / 60

const table = (head: string[], rows: string[][]) =>
  [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n')

export const printReport = (results: Results, candidates: Candidate[], { eventAtMs, delayMs }: { eventAtMs: number; delayMs: number }) => {
  const { pageLoad, open, bytes, rounds } = results
  const baseline = (key: keyof PageLoad) => median(pageLoad.none.map((visit) => visit[key] as number))
  const added = (key: string, field: 'script' | 'heap'): Spread => spread(pageLoad[key].map((visit) => visit[field] - baseline(field)))
  const longTaskVisits = (key: string) => pageLoad[key].filter((visit) => visit.longTasks.length).length
  const peers = candidates.filter((candidate) => !candidate.key.startsWith('sayso'))
  const fastestPeer = peers.reduce((best, peer) => (median(open[peer.key]) < median(open[best.key]) ? peer : best))
  const cheapestPeer = peers.reduce((best, peer) => (added(peer.key, 'script').median < added(best.key, 'script').median ? peer : best))
  const fastest = median(open[fastestPeer.key])
  const heapOf = (key: string) => added(key, 'heap').median

  const rows = [
    ...candidates.map((candidate) => ({ label: `${candidate.name}, \`${candidate.api}\``, key: candidate.key })),
    { label: 'sayso lazy (sayso.js), its parts loaded before, `show`', key: 'sayso parts loaded' }
  ]
  const bytesOf = (key: string) => `${kB(bytes[key].page)}${bytes[key].open ? ` + ${kB(bytes[key].open)} when it opens` : ''}`
  console.log(`
sayso and its peers in headless Chromium ${results.chromium}, ${results.machine}; median (range) of ${rounds} visits each, a fresh profile per visit, the candidates interleaved

The storefront page view, then one survey opened (loopback)

${table(
  ['', 'script (brotli)', 'page-load script time', 'visits with a long task', 'JS heap added', 'call → survey visible'],
  rows.map(({ label, key }) => [
    label,
    bytesOf(key),
    show(added(key, 'script')),
    `${longTaskVisits(key)} of ${pageLoad[key].length}`,
    `+${kB(heapOf(key))}`,
    show(spread(open[key]))
  ])
)}
The same page without any of them: script ${ms(baseline('script'))}, ${longTaskVisits('none')} of ${pageLoad.none.length} visits with a long task, heap ${kB(baseline('heap'))}.`)

  // Ratios in the same run: sayso's figure divided by the peer's.
  const sayso = [
    { label: 'sayso.full.js', key: 'sayso-full', openKey: 'sayso-full' },
    { label: 'sayso.js, parts loaded', key: 'sayso', openKey: 'sayso parts loaded' },
    { label: 'sayso.js, first open fetching its parts', key: 'sayso', openKey: 'sayso' }
  ]
  console.log(`
sayso ÷ each peer, same run (under 1× is smaller or sooner)

${table(
  ['', ...peers.map((peer) => `÷ ${peer.name}`)],
  sayso.map(({ label, key, openKey }) => [
    label,
    ...peers.map(
      (peer) =>
        `bytes ${times(bytes[key].page + (openKey === 'sayso' ? bytes[key].open : 0), bytes[peer.key].page)}, script ${times(added(key, 'script').median, added(peer.key, 'script').median)}, heap ${times(heapOf(key), heapOf(peer.key))}, open ${times(median(open[openKey]), median(open[peer.key]))}`
    )
  ])
)}`)

  const zero = (build: string) => results.zeroCode[build]
  const moment = (build: string, pick: (visit: ZeroCodeVisit) => number | undefined) => {
    const values = zero(build).map(pick).filter((value): value is number => value !== undefined)
    return values.length ? show(spread(values)) : '–'
  }
  const partsEnd = (visit: ZeroCodeVisit) => {
    const ends = Object.entries(visit.resources).filter(([path]) => /\/sayso\.(ui|outbox)\./.test(path)).map(([, timing]) => timing.end)
    return ends.length ? Math.max(...ends) : undefined
  }
  console.log(`
The zero-code page (demo/zero-code.html, a survey on page view, loopback), ms from navigation

${table(
  ['', 'HTML received', 'script received', 'script ran', 'DOMContentLoaded', 'parts received', 'survey visible'],
  Object.keys(results.zeroCode).map((build) => [
    build,
    moment(build, (visit) => visit.html),
    moment(build, (visit) => visit.resources[`/${build}`]?.end),
    moment(build, (visit) => visit.ran),
    moment(build, (visit) => visit.domContentLoaded),
    moment(build, partsEnd),
    moment(build, (visit) => visit.visible)
  ])
)}`)

  const slow = (key: string, from: 'navigation' | 'event') => spread(results.slow[key].map((visit) => visit.visible - (from == 'event' ? visit.event! : 0)))
  const slowRows = [
    { trigger: 'event', label: `event (checkout ${(eventAtMs / 1000).toFixed(1)} s into the visit), from the event`, from: 'event' as const },
    { trigger: 'delay', label: `delay of ${(delayMs / 1000).toFixed(1)} s, from navigation`, from: 'navigation' as const },
    { trigger: 'page view', label: 'page view, from navigation', from: 'navigation' as const }
  ]
  console.log(`
sayso on a slow network (CDP: 150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up): a triggered survey visible

${table(
  ['trigger', 'sayso.js (lazy)', 'sayso.full.js (one file)', 'lazy − one file (medians)'],
  slowRows.map(({ trigger, label, from }) => {
    const lazy = slow(`${trigger} sayso.js`, from)
    const full = slow(`${trigger} sayso.full.js`, from)
    return [label, show(lazy), show(full), `${lazy.median - full.median >= 0 ? '+' : ''}${ms(lazy.median - full.median)}`]
  })
)}`)

  const peerScript = added(cheapestPeer.key, 'script').median
  const verdict = (met: boolean) => (met ? 'met    ' : 'NOT met')
  const sayOpen = (key: string) => median(open[key])
  const slowMet = slowRows.map(({ trigger, from }) => ({ trigger, late: slow(`${trigger} sayso.js`, from).median - slow(`${trigger} sayso.full.js`, from).median }))
  const heaps = candidates.map((candidate) => ({ key: candidate.key, heap: heapOf(candidate.key) }))
  const smallestPeerHeap = Math.min(...heaps.filter(({ key }) => !key.startsWith('sayso')).map(({ heap }) => heap))
  const targets: [boolean, string][] = [
    [
      sayOpen('sayso-full') <= 0.8 * fastest && sayOpen('sayso parts loaded') <= 0.8 * fastest,
      `call → visible, parts loaded, ≤ 0.8 × the fastest peer (${fastestPeer.name}, ${ms(fastest)} → ≤ ${ms(0.8 * fastest)}): sayso.full.js ${ms(sayOpen('sayso-full'))}, sayso.js ${ms(sayOpen('sayso parts loaded'))}`
    ],
    [sayOpen('sayso') <= 1.5 * fastest, `sayso.js's first open, fetching its parts, ≤ 1.5 × the fastest peer (≤ ${ms(1.5 * fastest)}): ${ms(sayOpen('sayso'))}`],
    [
      slowMet.every(({ late }) => late <= frame),
      `slow network: sayso.js no later than sayso.full.js (within a frame, ${ms(frame)}): ${slowMet.map(({ trigger, late }) => `${trigger} ${late >= 0 ? '+' : ''}${ms(late)}`).join(', ')}`
    ],
    [
      ['sayso', 'sayso-full'].every((key) => added(key, 'script').median < peerScript / 3),
      `page-load script time < 1/3 of the cheapest peer's (${cheapestPeer.name}, ${ms(peerScript)} → < ${ms(peerScript / 3)}): sayso.js ${ms(added('sayso', 'script').median)}, sayso.full.js ${ms(added('sayso-full', 'script').median)}`
    ],
    [
      ['sayso', 'sayso-full'].every((key) => longTaskVisits(key) <= longTaskVisits('none')),
      `no long task at page load: visits with one — sayso.js ${longTaskVisits('sayso')}, sayso.full.js ${longTaskVisits('sayso-full')}, the page alone ${longTaskVisits('none')}`
    ],
    [
      ['sayso', 'sayso-full'].every((key) => heapOf(key) < smallestPeerHeap),
      `JS heap added the smallest: sayso.js +${kB(heapOf('sayso'))}, sayso.full.js +${kB(heapOf('sayso-full'))}, the smallest peer's +${kB(smallestPeerHeap)}`
    ]
  ]
  console.log(`
Targets (issue #18)
${targets.map(([met, text]) => `  ${verdict(met)}  ${text}`).join('\n')}
  zero-code, navigation → visible: sayso.js ${moment('sayso.js', (visit) => visit.visible)}, sayso.full.js ${moment('sayso.full.js', (visit) => visit.visible)}
`)
}
