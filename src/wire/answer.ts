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
  /** `sayso@<version>` */
  sdk: string
}
