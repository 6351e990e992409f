import { describe, expect, it } from 'vitest'
import { urlMatches } from '../../src/triggers/url-matches'

describe('url patterns', () => {
  it.each([
    ['/checkout/*', 'https://shop.example/checkout/step-2', true],
    ['/checkout/*', 'https://shop.example/checkout/a/b?x=1', true],
    ['/checkout/*', 'https://shop.example/cart', false],
    ['/pricing', 'https://shop.example/pricing/', true],
    ['/pricing/', 'https://shop.example/pricing', true],
    ['/pricing', 'https://shop.example/pricing-old', false],
    ['/PRICING', 'https://shop.example/pricing', true],
    ['/p?st', 'https://shop.example/post', true],
    ['/order/*/done', 'https://shop.example/order/42/done', true],
    ['/a.b', 'https://shop.example/axb', false],
    ['https://shop.example/*', 'https://shop.example/anything?q=1#top', true],
    ['https://shop.example/*', 'https://other.example/anything', false],
    ['*://shop.example/checkout?step=2', 'http://shop.example/checkout?step=2', true],
    ['*://shop.example/checkout?step=2', 'http://shop.example/checkout?step=3', false]
  ])('%s against %s: %s', (pattern, href, expected) => {
    expect(urlMatches(pattern, href)).toBe(expected)
  })

  it('takes a list: any pattern may match', () => {
    expect(urlMatches(['/cart', '/checkout/*'], 'https://shop.example/checkout/1')).toBe(true)
    expect(urlMatches(['/cart', '/checkout/*'], 'https://shop.example/')).toBe(false)
  })
})
