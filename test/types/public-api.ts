// Type tests of the public API: `npm run typecheck` compiles this file, and each
// `@ts-expect-error` line must be an error, or the check fails.
import {
  fetchTransport,
  init,
  segmentTransport,
  type Answer,
  type Sayso,
  type SaysoConfig,
  type SaysoError,
  type Survey,
  type Transport
} from '../../src/index'

const sayso: Sayso = init({
  endpoint: '/api/answers',
  brand: 'Acme',
  locale: 'pl',
  theme: { position: 'bottom-left', colorScheme: 'auto', '--sayso-accent': '#0a66c2' },
  user: { id: 'u_42', attributes: { plan: 'pro', seats: 3, trial: false, coupon: null } },
  frequency: { cooldownDays: 2 },
  surveys: [
    { id: 'nps', type: 'nps', trigger: { event: 'checkout_completed', props: { total: { gte: 100 } }, delay: 1000 } },
    { id: 'csat', type: 'csat', scale: 'emoji', subject: { en: 'our help', pl: 'naszej pomocy' }, trigger: 'manual' },
    { id: 'ces', type: 'ces', followUp: { low: 'What was hard?' }, audience: { device: 'desktop' }, sample: 0.5 }
  ]
})

sayso.track('checkout_completed', { total: 120 })
const shown: boolean = sayso.show('csat', { force: true })
sayso.page()
sayso.identify('u_43', { plan: 'team' })
const off: () => void = sayso.on('submit', (answer: Answer) => void answer.comment?.toUpperCase())
sayso.on('error', (error: SaysoError) => void error.reason)
sayso.on('dismiss', ({ surveyId, answered }) => void [surveyId.length, answered])
const flushed: Promise<void> = sayso.flush()
sayso.destroy()
void [shown, off, flushed]

const transport: Transport = async (answers) => (answers.length ? { ok: true } : { ok: false, retry: true, retryAfterMs: 1000 })
init({ transport, surveys: [] })
init({ transport: fetchTransport('https://hooks.example.com', { Authorization: 'Bearer x' }) })
init({ transport: segmentTransport('NPS Answered') })

// @ts-expect-error a survey type that does not exist
const poll: Survey = { id: 'p', type: 'poll' }
// @ts-expect-error the CSAT scale has three styles only
const hearts: Survey = { id: 'h', type: 'csat', scale: 'hearts' }
// @ts-expect-error a trigger is 'manual' or an object
const auto: Survey = { id: 'a', type: 'nps', trigger: 'auto' }
// @ts-expect-error a delay is a number of milliseconds
const soon: Survey = { id: 's', type: 'nps', trigger: { delay: 'soon' } }
// @ts-expect-error theme properties are named --sayso-…
const theme: SaysoConfig = { endpoint: '/a', theme: { accent: 'red' } }
// @ts-expect-error an unknown event
sayso.on('clicked', () => {})
// @ts-expect-error track() properties are plain values
sayso.track('x', { when: new Date() })
// @ts-expect-error a transport resolves a result
const wrong: Transport = async () => true
void [poll, hearts, auto, soon, theme, wrong]
