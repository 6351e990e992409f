import type { Answer, Scalar, SurveyRecord, SurveyType } from './wire/answer'
import type { Segment } from './wire/scales'

export type { Answer, Device, Display, Scalar, SurveyRecord, SurveyType } from './wire/answer'
export type { Segment } from './wire/scales'

/**
 * A text in one language, or one per locale.
 *
 * @example
 * 'How did we do?'
 * { en: 'How did we do?', pl: 'Jak nam poszło?' }
 */
export type Text = string | Record<string, string>

/**
 * A condition on one attribute or event property: a plain value means "equals".
 *
 * @example
 * 'pro'                      // equals 'pro'
 * { in: ['pro', 'team'] }    // one of
 * { gte: 100 }               // a number at least 100
 * { exists: true }           // set to anything
 */
export type Condition =
  | Scalar
  | {
      equals?: Scalar
      in?: Scalar[]
      gt?: number
      gte?: number
      lt?: number
      lte?: number
      exists?: boolean
    }

/**
 * When a survey asks. Every condition given must hold.
 *
 * @example
 * { event: 'checkout_completed', delay: 2000 }
 * { url: ['/checkout/*', '/cart'], scroll: 50 }
 */
export interface Trigger {
  /** A name passed to `track()`. */
  event?: string
  /** Conditions on the properties passed to `track(event, props)`. */
  props?: Record<string, Condition>
  /** A glob matched against the path, or the whole URL when it has `://`. */
  url?: string | string[]
  /** Milliseconds to wait once the other conditions hold. */
  delay?: number
  /** Percent of the page scrolled. */
  scroll?: number
  /** The pointer leaves through the top of the window. */
  exitIntent?: boolean
  /** A CSS selector; a click on a matching element. */
  click?: string
}

/** Who may see a survey. */
export interface Audience {
  /** Conditions on `user.attributes` (set by `init` or `identify`). */
  attributes?: Record<string, Condition>
  device?: 'mobile' | 'desktop'
  /** Locales, such as `'pl'` or `['en-GB', 'en-IE']`. */
  locale?: string | string[]
}

/**
 * How often a visitor may see one survey.
 * @example { answeredDays: 30, dismissedDays: 7 }
 */
export interface Frequency {
  /** Days a survey stays away after an answer. Default 90. */
  answeredDays?: number
  /** Days a survey stays away after it was closed unanswered. Default 14. */
  dismissedDays?: number
}

/**
 * One answer to a choice follow-up: a text that is its own value, or a value (what the answer
 * carries in `reasons`, the same in every language, 1–100 characters) and the label the visitor
 * reads, which may be given per locale.
 *
 * @example
 * 'Price'
 * { value: 'price', label: { en: 'Price', pl: 'Cena' } }
 */
export type Choice = string | { value: string; label: Text }

/**
 * The question after the score. Segment texts replace `question` for that segment:
 * detractor/passive/promoter for NPS, low/high for CSAT and CES. It asks in a text box, or,
 * with `choices`, with choices instead (or before the text box, with `comment: true`).
 *
 * @example
 * { promoter: 'What do you love most?', detractor: 'What should we fix first?' }
 * { question: 'What was it about?', choices: ['Price', 'Delivery', 'Quality'], multiple: true }
 * { choices: { detractor: [{ value: 'price', label: { en: 'Too expensive', pl: 'Za drogo' } }, 'Slow delivery'] }, comment: true }
 */
export interface FollowUp {
  question?: Text
  detractor?: Text
  passive?: Text
  promoter?: Text
  low?: Text
  high?: Text
  placeholder?: Text
  /**
   * 1–20 choices, or 1–20 for each segment that has its own (a segment without any is asked in
   * the text box). The answer carries the values picked as `reasons`.
   */
  choices?: Choice[] | Partial<Record<Segment, Choice[]>>
  /** Several choices may be picked: checkboxes instead of radio buttons. */
  multiple?: boolean
  /** Keeps the text box after the choices. */
  comment?: boolean
}

/**
 * A link on the thank-you step; it opens in a new tab. Only http: and https: addresses.
 * @example { label: 'Leave a review', url: 'https://g.page/r/acme/review' }
 */
export interface Link {
  label: Text
  url: string
}

/**
 * The thank-you's link: one for every segment, a segment's own in its place, or both. The
 * `action` event fires when the visitor follows it.
 *
 * @example
 * { label: 'Leave a review', url: 'https://g.page/r/acme/review' }
 * { promoter: { label: 'Leave a review', url: 'https://g.page/r/acme/review' }, detractor: { label: 'Talk to us', url: 'https://acme.example/help' } }
 */
export type ThankYouAction = (Link | { label?: never; url?: never }) & Partial<Record<Segment, Link>>

/**
 * The last step. It closes itself after `closeAfterMs` (default 3000); given no `closeAfterMs`,
 * a thank-you with a link and an inline survey's thank-you stay.
 *
 * @example { message: 'Thanks!', action: { promoter: { label: 'Leave a review', url: 'https://g.page/r/acme/review' } } }
 */
export interface ThankYou {
  message?: Text
  closeAfterMs?: number
  action?: ThankYouAction
}

/**
 * One survey.
 *
 * @example
 * { id: 'nps-main', type: 'nps', trigger: { event: 'checkout_completed' } }
 * { id: 'csat-help', type: 'csat', scale: 'emoji', subject: 'our help centre', trigger: 'manual' }
 */
export interface Survey {
  /** Unique among the surveys; it is sent with each answer as `surveyId`. */
  id: string
  type: SurveyType
  /** Replaces the default question. */
  question?: Text
  /** What a CSAT question asks about: "How satisfied are you with {subject}?" */
  subject?: Text
  /** What a CES statement is about: "{brand} made it easy for me to {task}." */
  task?: Text
  /** How the CSAT scale is drawn. Default `'number'`. */
  scale?: 'number' | 'star' | 'emoji'
  /** Replaces the scale's end labels. */
  labels?: { low?: Text; high?: Text }
  /** `false` leaves the follow-up out. Default: a question by segment, in a text box. */
  followUp?: boolean | FollowUp
  thankYou?: ThankYou
  /**
   * A CSS selector: the survey is drawn inside the first element it finds, in the page's flow,
   * instead of as a pop-up ("Was this page helpful?" under an article) — also when the element
   * appears later. An inline survey never takes focus by itself and has no Close; the
   * one-pop-up-per-page-view rule and the cooldown leave it be, and its frequency counts per page
   * path. Its `trigger` still applies; omitted, it shows when the element is there.
   * @example inline: '#was-this-helpful'
   */
  inline?: string
  /** Omitted: on page view. `'manual'`: only through `show()`. */
  trigger?: 'manual' | Trigger
  audience?: Audience
  /** The share of visitors (0–1) who may see it, stable per visitor. */
  sample?: number
  frequency?: Frequency
}

/**
 * Look and place. Any `--sayso-*` custom property may be set too.
 *
 * @example
 * { position: 'bottom-left', colorScheme: 'auto', '--sayso-accent': '#0a66c2' }
 */
export interface Theme {
  position?: 'bottom-right' | 'bottom-left' | 'bottom-center' | 'center'
  colorScheme?: 'light' | 'dark' | 'auto'
  [customProperty: `--sayso-${string}`]: string
}

/**
 * Who is answering; the id and attributes travel with each answer.
 * @example { id: 'u_42', attributes: { plan: 'pro' } }
 */
export interface User {
  id?: string
  attributes?: Record<string, Scalar>
}

/**
 * What a transport reports: delivered, or why not.
 * @example
 * { ok: true }
 * { ok: false, retry: true, retryAfterMs: 20_000, status: 429 }
 * { ok: false, retry: false, status: 400, rejected: ['4f0c…'] } // that answer is invalid, the others were stored
 */
export type TransportResult =
  | { ok: true }
  | {
      ok: false
      /** Whether the same batch may succeed later (a network error, a timeout, 408, 425, 429, 5xx). */
      retry: boolean
      /** How long the endpoint asked to wait (`Retry-After`); over 5 minutes, the answers wait for the next page load. */
      retryAfterMs?: number
      /** The HTTP status: 400, 413 and 422 refuse answers; 401, 403 and 404 refuse the sender. */
      status?: number
      /**
       * The ids of the answers the endpoint refused, when its reply names them: those are
       * dropped as `rejected`, and the batch's other answers count as stored. Without it, a
       * refused batch is split until the bad answer is alone.
       */
      rejected?: string[]
    }

/**
 * Delivers a batch of records: answers, and displays (a survey shown: a record without a
 * `score`, see `Display`). Resolve `{ ok: true }` only once they are stored.
 *
 * @example
 * const toWebhook: Transport = async (answers) => {
 *   const res = await fetch('/hook', { method: 'POST', body: JSON.stringify({ answers }) })
 *   return res.ok ? { ok: true } : { ok: false, retry: res.status >= 500, status: res.status }
 * }
 */
export type Transport = (
  answers: SurveyRecord[],
  options: { keepalive: boolean }
) => Promise<TransportResult>

/**
 * Everything sayso needs. Either `endpoint` or `transport` is required.
 *
 * @example
 * init({
 *   endpoint: '/api/answers',
 *   brand: 'Acme',
 *   surveys: [{ id: 'nps-main', type: 'nps', trigger: { event: 'checkout_completed' } }]
 * })
 */
export interface SaysoConfig {
  /** Where answers are posted as JSON. */
  endpoint?: string
  /** Replaces the built-in fetch transport. */
  transport?: Transport
  surveys?: Survey[]
  /**
   * More surveys from a JSON file the team controls, `{ "surveys": [ … ] }`, checked like
   * these. A copy is kept for `configCacheMs`; when the file cannot be fetched, the last good
   * copy is used.
   * @example configUrl: 'https://example.com/surveys.json'
   */
  configUrl?: string
  /** How long a fetched `configUrl` is used before it is fetched again. Default 300000 (5 minutes). */
  configCacheMs?: number
  /** Forces the language; default: the browser's. */
  locale?: string
  /** Fills `{brand}` in the questions. */
  brand?: string
  theme?: Theme
  user?: User
  /** At most one pop-up within `cooldownDays` (default 1) across all surveys. */
  frequency?: { cooldownDays?: number }
}

/**
 * Why something went wrong; `message` says it in a sentence.
 * @example sayso.on('error', (error) => error.reason === 'rejected' && report(error.answers))
 */
export type ErrorReason =
  | 'config'
  | 'command'
  | 'rejected'
  | 'stopped'
  | 'expired'
  | 'overflow'
  | 'too-large'
  | 'transport'
  | 'ui'

/**
 * What the `error` event hands its handlers.
 * @example sayso.on('error', (error: SaysoError) => console.warn(error.reason, error.message))
 */
export interface SaysoError {
  reason: ErrorReason
  message: string
  /** The config path, for `config`. */
  path?: string
  /** The answers (and displays) concerned, for delivery errors. */
  answers?: SurveyRecord[]
  /** The HTTP status, when there is one. */
  status?: number
}

/**
 * The events and what their handlers receive.
 * @example sayso.on('dismiss', ({ surveyId, answered }) => console.log(surveyId, answered))
 */
export interface SaysoEvents {
  /** A survey appeared. */
  show: { surveyId: string; type: SurveyType }
  /** A score was chosen; the answer is already queued. */
  answer: Answer
  /** The visitor finished the survey (sent or skipped the follow-up). */
  submit: Answer
  /** Closed before the end; `answered` when a score had been chosen. */
  dismiss: { surveyId: string; answered: boolean }
  /**
   * The visitor followed the thank-you's link (it opened in a new tab); `segment` when the link
   * was the segment's own.
   * @example sayso.on('action', ({ surveyId, url, segment }) => analytics.track('Review link', { surveyId, url, segment }))
   */
  action: { surveyId: string; url: string; segment?: Segment }
  /** The endpoint confirmed these answers and displays. */
  sent: { answers: SurveyRecord[] }
  error: SaysoError
}

/**
 * The name of an event.
 * @example const names: EventName[] = ['show', 'answer', 'submit', 'dismiss', 'action', 'sent', 'error']
 */
export type EventName = keyof SaysoEvents

/**
 * Options of `show()`.
 * @example sayso.show('nps-main', { force: true, score: 9, answerId: 'mail-7f3a' })
 */
export interface ShowOptions {
  /** Show even when audience, sampling or frequency rules would not (a preview). */
  force?: boolean
  /**
   * A score already chosen (a link in an e-mail): it is recorded at once and the survey
   * opens at its follow-up.
   */
  score?: number
  /** The answer's id, so that the same link opened twice makes one answer. */
  answerId?: string
}

/**
 * A running sayso, returned by `init()`; the same commands as `window.sayso`.
 * @example const sayso: Sayso = init({ endpoint: '/api/answers', surveys })
 */
export interface Sayso {
  /**
   * Records that something happened; surveys triggered by this event may show.
   * @example sayso.track('checkout_completed', { total: 120 })
   */
  track(event: string, props?: Record<string, Scalar>): void
  /**
   * Shows a survey now, if its audience, sample and frequency allow; `{ force: true }`
   * ignores them (previews, a feedback button). Called from a click, it takes focus
   * and gives it back on close. Returns whether it showed.
   * @example button.onclick = () => sayso.show('nps-main', { force: true })
   */
  show(surveyId: string, options?: ShowOptions): boolean
  /**
   * Tells sayso that a single-page app moved to another page, where the browser
   * has no Navigation API to tell it (sayso follows `popstate` on its own).
   * @example router.afterEach(() => sayso.page())
   */
  page(): void
  /**
   * Says who the visitor is; later answers carry the id and attributes.
   * @example sayso.identify('u_42', { plan: 'pro' })
   */
  identify(userId: string, attributes?: Record<string, Scalar>): void
  /**
   * Listens to an event; returns the function that stops listening.
   * @example const off = sayso.on('submit', (answer) => console.log(answer.score))
   */
  on<K extends EventName>(event: K, handler: (payload: SaysoEvents[K]) => void): () => void
  /**
   * Sends what is queued now; settles when the queue is empty or cannot progress.
   * @example await sayso.flush()
   */
  flush(): Promise<void>
  /** Removes every element, listener and timer sayso created. */
  destroy(): void
}
