// What travels from the SDK to a collector: shared by the widget, its transports and the collector.

/**
 * `nps` asks 0–10, `csat` 1–5, `ces` 1–7.
 * @example const type: SurveyType = 'nps'
 */
export type SurveyType = 'nps' | 'csat' | 'ces'

/**
 * A value an attribute or event property may take.
 * @example sayso.identify('u_42', { plan: 'pro', seats: 3, trial: false, coupon: null })
 */
export type Scalar = string | number | boolean | null

/**
 * One answer as it travels to the endpoint: `POST {endpoint}` with `{"answers": [Answer, …]}`.
 * `id` is the idempotency key: a later copy with a comment or `complete: true` updates it.
 * @example sayso.on('submit', (answer: Answer) => console.log(answer.score, answer.comment))
 */
export interface Answer {
  id: string
  surveyId: string
  type: SurveyType
  score: number
  comment?: string
  /**
   * The values of the choices picked in a choice follow-up, in the order the survey lists them:
   * stable across languages, whichever label the visitor read. 1–20 values of 1–100 characters.
   * @example ['price', 'delivery']
   */
  reasons?: string[]
  /** `false` while the follow-up is still open. */
  complete: boolean
  /** ISO 8601. */
  createdAt: string
  url: string
  locale: string
  visitorId: string
  userId?: string
  attributes?: Record<string, Scalar>
  /** The screen it was shown on: `mobile` up to 767 CSS pixels wide, else `desktop`. Sent on every record. */
  device?: Device
  /** `sayso@<version>` */
  sdk: string
}

/**
 * `mobile` or `desktop`, from the width of the viewport.
 * @example const device: Device = 'mobile'
 */
export type Device = 'mobile' | 'desktop'

/**
 * A survey shown: it travels to the endpoint like an answer, under the `id` its answer will
 * have, but without a score (nor a comment or reasons). `dismissed: true` when the visitor
 * closed it unanswered. The collector counts it in `displays`, never in a score.
 * @example
 * { id: '0b6c…', surveyId: 'nps-main', type: 'nps', complete: false, dismissed: true, device: 'mobile', … }
 */
export interface Display extends Omit<Answer, 'score' | 'comment' | 'reasons' | 'complete'> {
  score?: undefined
  comment?: undefined
  reasons?: undefined
  complete: false
  /** The visitor closed the survey without choosing a score. */
  dismissed?: boolean
}

/**
 * What the outbox keeps and a transport delivers: an answer, or a display (a record without
 * a score). Tell them apart by `score`.
 * @example const transport: Transport = async (records) => { records.filter((record) => record.score !== undefined) … }
 */
export type SurveyRecord = Answer | Display
