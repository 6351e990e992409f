// What the bench compares: sayso's two script-tag builds and three peers, each put on the
// storefront page and opened through its documented API. Everything is served by the bench
// server from dist/ and node_modules/; the peers' services are answered on loopback.
import { mkdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import nodeResolve from '@rollup/plugin-node-resolve'
import replace from '@rollup/plugin-replace'
import terser from '@rollup/plugin-terser'
import { rollup } from 'rollup'
import type { BenchServer } from './bench-server'

export interface Candidate {
  /** The name in the tables. */
  name: string
  /** Short, for progress lines and the JSON. */
  key: string
  /** What opens its survey, for the tables. */
  api: string
  /** What the page's <head> carries for it; it calls `__bench.ready()` once it can open a survey. */
  head: string
  /** In-page statements that open its survey. */
  open: string
  /** An in-page expression for the element that shows the survey (undefined until there). */
  find: string
  /** An in-page promise to wait for after the page view's figures and before the call. */
  prepare?: string
}

const question = 'How likely are you to recommend Acme Outdoor to a friend or colleague?'

/** The survey sayso is given: the same NPS question for every build and trigger. */
export type SaysoTrigger = 'manual' | { event: string } | { delay: number } | undefined

/** The sayso snippet: the call queue, `init` with an inline NPS survey (and any others), and the async tag. */
export const saysoHead = (script: string, trigger: SaysoTrigger, others: object[] = []) => `<script>
      window.sayso = window.sayso || function () { (window.sayso.q = window.sayso.q || []).push(arguments) };
      sayso('init', { endpoint: '/api/answers', brand: 'Acme Outdoor', frequency: { cooldownDays: 0 }, surveys: ${JSON.stringify([{ id: 'nps', type: 'nps', trigger }, ...others])} });
    </script>
    <script async src="/${script}" onload="__bench.ready()"></script>`

// A second survey, asked an hour after an event: tracking the event sets it on its way, so that
// sayso loads its parts (and opens its outbox) itself, as it does for any survey on its way.
const onItsWay = { id: 'later', type: 'csat', trigger: { event: 'bench_later', delay: 3_600_000 } }
const partsLoaded = (parts: string[]) => `(sayso('track', 'bench_later'), new Promise((done) => {
  const loaded = () => ${JSON.stringify(parts)}.every((part) => performance.getEntriesByName(location.origin + part).length)
  const check = () => (loaded() ? setTimeout(done, 200) : setTimeout(check, 20))
  check()
}).then(() => 0))`

export const saysoFind = `document.querySelector('sayso-widget')?.shadowRoot?.querySelector('[role=dialog]')`

// The same question for the peers, in each one's own survey format.
const posthogSurvey = {
  id: 'nps',
  name: 'NPS',
  type: 'popover',
  questions: [{ id: 'q1', type: 'rating', question, scale: 10, display: 'number', lowerBoundLabel: 'Not at all likely', upperBoundLabel: 'Extremely likely' }],
  appearance: {},
  // Shown only after an event the storefront never sends: without a condition PostHog would
  // show a popover survey on its own at page load, and displaySurvey would find it open.
  conditions: { events: { values: [{ name: 'bench_survey_asked_for' }] } },
  start_date: '2026-01-01T00:00:00Z',
  end_date: null
}
const formbricksSurvey = {
  id: 'nps',
  name: 'NPS',
  type: 'web',
  questions: [{ id: 'q1', type: 'nps', headline: question, lowerLabel: 'Not at all likely', upperLabel: 'Extremely likely', required: true }],
  welcomeCard: { enabled: false },
  thankYouCard: { enabled: true, headline: 'Thank you!' },
  styling: {}
}

// An app that ships Sentry's feedback form bundles @sentry/browser itself: this is that app's
// entry, bundled and minified the way its bundler would (rollup, production, terser).
const sentryEntry = `import { init, feedbackIntegration, getFeedback } from '@sentry/browser'
init({ dsn: 'http://public@' + location.host + '/1', integrations: [feedbackIntegration({ autoInject: false })] })
window.Sentry = { getFeedback }
`

const bundleSentry = async (root: string) => {
  const file = join(root, 'build/bench/sentry.js')
  mkdirSync(dirname(file), { recursive: true })
  const bundle = await rollup({
    input: 'app',
    plugins: [
      { name: 'app', resolveId: (id) => (id === 'app' ? id : null), load: (id) => (id === 'app' ? sentryEntry : null) },
      replace({ preventAssignment: true, values: { 'process.env.NODE_ENV': JSON.stringify('production') } }),
      nodeResolve({ browser: true, rootDir: root }),
      terser()
    ],
    onwarn: () => {}
  })
  await bundle.write({ file, format: 'iife' })
  await bundle.close()
  return file
}

const posthogToken = 'phc_bench'

/** PostHog's API as the browser SDK calls it: remote config with surveys on, the one survey, and event ingestion. */
const answerPosthog = (url: URL) => {
  if (!url.pathname.startsWith('/ph/')) return undefined
  const config = { surveys: true, sessionRecording: false, heatmaps: false, supportedCompression: [] }
  if (url.pathname.endsWith('/config.js'))
    return { type: 'text/javascript', body: `(window._POSTHOG_REMOTE_CONFIG = window._POSTHOG_REMOTE_CONFIG || {})[${JSON.stringify(posthogToken)}] = ${JSON.stringify({ config, siteApps: [] })}` }
  if (url.pathname.endsWith('/config')) return { type: 'application/json', body: JSON.stringify(config) }
  if (url.pathname.startsWith('/ph/api/surveys')) return { type: 'application/json', body: JSON.stringify({ surveys: [posthogSurvey] }) }
  if (url.pathname.startsWith('/ph/flags')) return { type: 'application/json', body: JSON.stringify({ ...config, featureFlags: {}, featureFlagPayloads: {} }) }
  return { type: 'application/json', body: '{"status":1}' }
}

/** The peers, each as its documentation shows: a script tag, its setup, the call that opens a survey. */
const peers: Candidate[] = [
  {
    name: 'PostHog array.full.js',
    key: 'posthog',
    api: 'displaySurvey',
    head: `<script async src="/peers/posthog.js" onload="posthog.init('${posthogToken}', { api_host: location.origin + '/ph', opt_out_useragent_filter: true }); posthog.onSurveysLoaded(() => __bench.ready())"></script>`,
    open: `posthog.displaySurvey('nps', { displayType: 'popover', ignoreConditions: true, ignoreDelay: true })`,
    find: `document.querySelector('.PostHogSurvey-nps')?.shadowRoot?.querySelector('.survey-box')`
  },
  {
    name: 'Sentry feedback',
    key: 'sentry',
    api: 'createForm',
    head: `<script async src="/peers/sentry.js" onload="__bench.ready()"></script>`,
    open: `Sentry.getFeedback().createForm().then((form) => { form.appendToDom(); form.open() })`,
    find: `document.querySelector('#sentry-feedback')?.shadowRoot?.querySelector('.dialog__content')`
  },
  {
    name: 'Formbricks renderer',
    key: 'formbricks',
    api: 'renderSurveyModal',
    head: `<script async src="/peers/formbricks.js" onload="__bench.ready()"></script>`,
    open: `formbricksSurveys.renderSurveyModal({ survey: ${JSON.stringify(formbricksSurvey)}, brandColor: '#4f46e5', isBrandingEnabled: false, placement: 'bottomRight', darkOverlay: false, clickOutside: true, highlightBorderColor: null, onDisplay() {}, onResponse() {}, onClose() {}, onFinished() {}, onActiveQuestionChange() {}, onRetry() {}, onFileUpload: async () => '', getSetIsError() {}, getSetIsResponseSendingFinished() {}, isRedirectDisabled: true })`,
    find: `document.querySelector('#formbricks-modal-container form')`
  }
]

/** One build of sayso: this checkout's dist/, or another one named for a comparison (BENCH_SAYSO). */
export interface SaysoBuild {
  /** Empty for this checkout's; else the name given, which the tables show. */
  name: string
  /** The URL path its files are served under: `/`, or `/<name>/`. */
  base: string
  /** Its drawing and sending parts, as the lazy build imports them. */
  parts: string[]
}

const saysoFiles = (server: BenchServer, dist: string, base: string) => {
  const { built } = JSON.parse(readFileSync(join(dist, 'manifest.json'), 'utf8')) as { built: Record<string, string> }
  for (const file of ['sayso.js', 'sayso.full.js', ...Object.values(built)]) server.file(`${base}${file}`, join(dist, file))
  return [`${base}${built.ui}`, `${base}${built.outbox}`]
}

/**
 * sayso's two script-tag builds of one dist/, opened with `show`: the one file; the lazy build
 * fetching its parts at the call; and the lazy build with its parts loaded by sayso itself.
 */
const saysoCandidates = ({ name, base, parts }: SaysoBuild): Candidate[] => {
  const of = name ? ` — ${name}` : ''
  const at = name ? `@${name}` : ''
  const common = { api: 'show', open: `sayso('show', 'nps', { force: true })`, find: saysoFind }
  const lazy = `${base.slice(1)}sayso.js`
  return [
    { ...common, name: `sayso one file (sayso.full.js)${of}`, key: `sayso-full${at}`, head: saysoHead(`${base.slice(1)}sayso.full.js`, 'manual') },
    { ...common, name: `sayso lazy (sayso.js)${of}, its parts fetched at the call`, key: `sayso${at}`, head: saysoHead(lazy, 'manual') },
    { ...common, name: `sayso lazy (sayso.js)${of}, its parts loaded before`, key: `sayso${at} parts loaded`, head: saysoHead(lazy, 'manual', [onItsWay]), prepare: partsLoaded(parts) }
  ]
}

/**
 * Registers every candidate's files and services on the server: the peers, this checkout's
 * sayso, and the other sayso builds to compare (`name=folder` each, a built dist/ folder).
 */
export const setUpCandidates = async (server: BenchServer, root: string, others: { name: string; dist: string }[] = []) => {
  server.file('/demo/demo.css', join(root, 'demo/demo.css'))
  server.file('/peers/sentry.js', await bundleSentry(root))
  server.file('/peers/formbricks.js', join(root, 'node_modules/@formbricks/surveys/dist/index.umd.js'))
  server.file('/peers/posthog.js', join(root, 'node_modules/posthog-js/dist/array.full.js'))
  server.handle((request, url) => {
    if (url.pathname === '/api/answers' && request.method === 'POST') return { type: 'application/json', body: '{}' }
    if (/^\/api\/\d+\/envelope\/$/.test(url.pathname)) return { type: 'application/json', body: '{}' }
    return answerPosthog(url)
  })
  const sayso: SaysoBuild[] = [
    { name: '', base: '/', parts: saysoFiles(server, join(root, 'dist'), '/') },
    ...others.map(({ name, dist }) => ({ name, base: `/${name}/`, parts: saysoFiles(server, dist, `/${name}/`) }))
  ]
  return { peers, sayso, candidates: [...peers, ...sayso.flatMap(saysoCandidates)] }
}
