import type { Answer, Transport } from '../types'

/**
 * A transport that hands each answer to a tool already on the page, found as
 * `window[name]`. When the tool is missing it throws, which sayso reports
 * through `error` while the answers stay queued and are tried again.
 */
export const forwardTo =
  <Tool>(tool: string, name: string, send: (target: Tool, answer: Answer) => void): Transport =>
  async (answers) => {
    const target = (window as unknown as Record<string, Tool | undefined>)[name]
    if (!target) throw new Error(`${tool} (window.${name}) is not on the page; the answers stay queued`)
    answers.forEach((answer) => send(target, answer))
    return { ok: true }
  }
