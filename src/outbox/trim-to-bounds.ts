import type { SurveyRecord } from '../types'
import type { Entry } from './create-answer-store'
import { byteLength, MAX_AGE_MS, MAX_BYTES, MAX_COUNT } from './limits'

/** A queue within its bounds, and what the bounds took out of it. */
export interface Trimmed {
  kept: Entry[]
  /** Older than 7 days. */
  expired: SurveyRecord[]
  /** The oldest of the rest while more than 200 answers or 256 KiB wait. */
  overflow: SurveyRecord[]
}

/**
 * What the bounds of docs/delivery.md leave of a queue (oldest first) at `now`. A clock set back
 * makes answers look younger, never older: nothing expires by it.
 */
export const trimToBounds = (entries: Entry[], now: number): Trimmed => {
  const tooOld = (entry: Entry) => now - Date.parse(entry.answer.createdAt) > MAX_AGE_MS
  const kept = entries.filter((entry) => !tooOld(entry))
  const overflow: SurveyRecord[] = []
  let bytes = kept.reduce((sum, entry) => sum + byteLength(entry.answer), 0)
  while (kept.length > MAX_COUNT || bytes > MAX_BYTES) {
    const { answer } = kept.shift()!
    bytes -= byteLength(answer)
    overflow.push(answer)
  }
  return { kept, expired: entries.filter(tooOld).map((entry) => entry.answer), overflow }
}
