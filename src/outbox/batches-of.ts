import type { SurveyRecord } from '../types'
import { BATCH_BYTES, byteLength } from './limits'

// A request's body is `{"answers":[` and `]}` around the answers, with a comma between two.
const ENVELOPE_BYTES = 14

/** The answers in order, cut into requests of at most `count` answers and BATCH_BYTES of body. */
export const batchesOf = (answers: SurveyRecord[], count: number): SurveyRecord[][] => {
  const batches: SurveyRecord[][] = []
  let bytes = 0
  for (const answer of answers) {
    const size = byteLength(answer)
    const last = batches.at(-1)
    if (last && last.length < count && bytes + 1 + size <= BATCH_BYTES) {
      last.push(answer)
      bytes += 1 + size
    } else {
      batches.push([answer])
      bytes = ENVELOPE_BYTES + size
    }
  }
  return batches
}
