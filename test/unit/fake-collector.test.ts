import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createSqliteStore } from '../../collector/store/sqlite-store'
import type { StoredAnswer } from '../../collector/store/store'
import type { Answer } from '../../src/types'
import { rowsFor } from './fake-collector'
import { makeAnswer } from './helpers'

// The outbox's tests judge "stored once, with its latest comment" by the fake collector's rows:
// they are worth what its merge is worth. Here it is held to the real store's upsert.

const ids = ['00000000-0000-4000-8000-00000000000a', '00000000-0000-4000-8000-00000000000b']

const copy = fc.record({
  id: fc.constantFrom(...ids),
  score: fc.integer({ min: 0, max: 10 }),
  comment: fc.option(fc.constantFrom('slow', 'great', 'fine'), { nil: undefined }),
  complete: fc.boolean(),
  batch: fc.boolean()
})

type Copy = { id: string; score: number; comment?: string; complete: boolean; batch: boolean }

const answerOf = ({ id, score, comment, complete }: Copy): Answer => {
  const answer = makeAnswer({ id, score, complete, createdAt: '2026-11-22T19:00:00.000Z' })
  if (comment !== undefined) answer.comment = comment
  return answer
}

const withoutTimes = ({ receivedAt, updatedAt, ...answer }: StoredAnswer): Answer => answer

describe('the fake collector', () => {
  it('merges copies of an answer as the SQLite store does, alone or several to a batch', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(copy, { maxLength: 8 }), async (copies) => {
        const store = createSqliteStore(':memory:')
        const given = copies.map(answerOf)
        // A copy marked `batch` travels in one request with the one before it.
        const requests: Answer[][] = []
        given.forEach((answer, index) => {
          if (copies[index].batch && requests.length) requests.at(-1)!.push(answer)
          else requests.push([answer])
        })
        for (const request of requests) await store.upsert(request)
        const stored = (await store.answers()).map(withoutTimes).sort((a, b) => a.id.localeCompare(b.id))
        await store.close()
        expect(stored).toEqual(rowsFor(given))
      }),
      { numRuns: 200 }
    )
  })
})
