import type { SurveyRecord, Transport } from '../types'

/**
 * The names of the events a display becomes with an analytics tool: `shown` when a survey
 * appears, `dismissed` when the visitor closes it unanswered. A display never becomes the
 * answer's event: it has no score.
 */
export interface DisplayEvents {
  shown?: string
  dismissed?: string
}

/** The event a record becomes: the answer's, or one of the display's. */
export const eventOf = (record: SurveyRecord, answered: string, { shown, dismissed }: Required<DisplayEvents>) => {
  if (record.score !== undefined) return answered
  return record.dismissed ? dismissed : shown
}

/**
 * A transport that hands each record (answer or display) to a tool already on the page,
 * found as `window[name]`. When the tool is missing it throws, which sayso reports
 * through `error` while the records stay queued and are tried again.
 */
export const forwardTo =
  <Tool>(tool: string, name: string, send: (target: Tool, record: SurveyRecord) => void): Transport =>
  async (records) => {
    const target = (window as unknown as Record<string, Tool | undefined>)[name]
    if (!target) throw new Error(`${tool} (window.${name}) is not on the page; the answers stay queued`)
    records.forEach((record) => send(target, record))
    return { ok: true }
  }
