import { describe, expect, it } from 'vitest'
import { storableCopy } from '../../src/outbox/storable-copy'
import type { Answer } from '../../src/types'
import { makeAnswer } from './helpers'

const cycle = () => {
  const self: Record<string, unknown> = { plan: 'pro' }
  self.again = self
  return self
}

describe('the storable copy of an answer', () => {
  it.each([
    ['plain values', { plan: 'pro', seats: 3, trial: false, coupon: null }, { plan: 'pro', seats: 3, trial: false, coupon: null }, []],
    ['a BigInt', { plan: 'pro', total: 10n }, { plan: 'pro' }, ['total']],
    ['a function', { plan: 'pro', track: () => {} }, { plan: 'pro' }, ['track']],
    ['a symbol', { plan: 'pro', tag: Symbol('x') }, { plan: 'pro' }, ['tag']],
    ['a cycle', cycle(), { plan: 'pro' }, ['again']],
    ['two of them', { total: 10n, track: () => {} }, {}, ['total', 'track']],
    ['a toJSON that throws', { toJSON: () => { throw new Error('no') } }, undefined, ['attributes']]
  ])('with %s in the attributes', (_, attributes, kept, leftOut) => {
    const given = makeAnswer({ attributes: attributes as Answer['attributes'] })
    const copy = storableCopy(given)
    expect(copy.leftOut).toEqual(leftOut)
    expect(copy.answer.attributes).toEqual(kept)
    expect({ ...copy.answer, attributes: undefined }).toEqual({ ...given, attributes: undefined })
  })

  it('is a copy: what the page changes later is not what was stored', () => {
    const given = makeAnswer({ attributes: { plan: 'pro' } })
    const copy = storableCopy(given)
    given.attributes!.plan = 'free'
    expect(copy.answer.attributes).toEqual({ plan: 'pro' })
  })
})
