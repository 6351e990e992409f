import { segmentOf } from '../../src/wire/scales'
import type { StoredAnswer } from '../store/store'
import type { Hook, HookWhen } from './hook'

/** WEBHOOK_SETTLE_MS by default: how long after its score an answer waits for its comment. */
export const SETTLE_MS = 60_000

/** A delivery to record with an answer: which hook, and when it is due (ms since 1970). */
export interface PlannedDelivery {
  answerId: string
  hookIndex: number
  hookUrl: string
  dueAt: number
}

/** Whether every `when` field given holds for the answer as stored now. */
export const hookMatches = (when: HookWhen = {}, answer: StoredAnswer) => {
  if (when.surveyId !== undefined && when.surveyId !== answer.surveyId) return false
  if (when.segments && !when.segments.includes(segmentOf(answer.type, answer.score))) return false
  // A comment may still come while the answer is open: such a hook matches once it has.
  if (when.withComment && !answer.comment) return false
  return true
}

/**
 * The deliveries an answer calls for, as it stands after a copy of it was stored: due at
 * once when it is complete, else when it settles (`settleMs` after its score arrived). The
 * ledger records each once per answer and hook, and only brings a due time forward.
 */
export const planDeliveries = (hooks: Hook[], answer: StoredAnswer, now: number, settleMs: number): PlannedDelivery[] => {
  // A display that was never scored (issue #16: displays are kept beside the answers) is no answer to post.
  if (typeof answer.score !== 'number') return []
  const dueAt = answer.complete ? now : Math.max(now, Date.parse(answer.receivedAt) + settleMs)
  return hooks.flatMap((hook, hookIndex) => (hookMatches(hook.when, answer) ? [{ answerId: answer.id, hookIndex, hookUrl: hook.url, dueAt }] : []))
}
