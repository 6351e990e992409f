import type { SurveyRecord } from '../types'

/**
 * Hands a batch to the beacon, and what the browser refuses in halves; what it refuses
 * alone stays queued for the next visit.
 */
export const beamInHalves = (beacon: (answers: SurveyRecord[]) => boolean, batch: SurveyRecord[]): void => {
  if (beacon(batch) || batch.length == 1) return
  const half = Math.ceil(batch.length / 2)
  beamInHalves(beacon, batch.slice(0, half))
  beamInHalves(beacon, batch.slice(half))
}
