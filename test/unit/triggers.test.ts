import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { inAudience } from '../../src/targeting/in-audience'
import { parseConfig } from '../../src/config/parse-config'
import type { Sayso, SaysoConfig, Survey } from '../../src/types'
import { button, radio, useCleanPage, watchListeners, widgetRoot, startSayso } from './helpers'

const DAY = 24 * 60 * 60 * 1000
let sayso: Sayso | undefined
const shown: string[] = []

const start = (surveys: Survey[], config: Partial<SaysoConfig> = {}) => {
  sayso?.destroy()
  sayso = startSayso({ ...config, surveys }, (started) => started.on('show', ({ surveyId }) => shown.push(surveyId))).sayso
  return sayso
}
const go = (path: string) => {
  history.pushState(null, '', path)
  sayso!.page()
}
const close = () => button('Close')!.click()

useCleanPage({ now: Date.parse('2026-11-22T19:00:00Z') })
beforeEach(() => {
  shown.length = 0
  history.replaceState(null, '', '/')
})
afterEach(() => {
  sayso?.destroy()
  sayso = undefined
})

describe('trigger conditions', () => {
  it('url: shows on a matching page, and on a route change to one', () => {
    start([{ id: 'checkout', type: 'nps', trigger: { url: '/checkout/*' } }])
    expect(shown).toEqual([])
    go('/checkout/payment')
    vi.advanceTimersByTime(1)
    expect(shown).toEqual(['checkout'])
  })

  it('url: also follows popstate, without any call from the page', () => {
    start([{ id: 'help', type: 'csat', trigger: { url: ['/help', '/faq/*'] } }])
    history.pushState(null, '', '/faq/returns')
    window.dispatchEvent(new PopStateEvent('popstate'))
    vi.advanceTimersByTime(1)
    expect(shown).toEqual(['help'])
  })

  // happy-dom, like WebKit, has no Navigation API: the app's own pushState is seen when it draws the route.
  it('url: follows the page’s own pushState without the Navigation API, once the app draws the route', async () => {
    expect('navigation' in window).toBe(false)
    start([{ id: 'checkout', type: 'nps', trigger: { url: '/checkout/*' } }])
    history.pushState(null, '', '/checkout/payment')
    document.body.append(Object.assign(document.createElement('h1'), { textContent: 'Payment' }))
    await vi.advanceTimersByTimeAsync(1)
    expect(shown).toEqual(['checkout'])
  })

  it('url with delay, without the Navigation API: leaving the route by pushState cancels the pending survey', async () => {
    history.replaceState(null, '', '/pricing')
    start([{ id: 'pricing', type: 'ces', trigger: { url: '/pricing', delay: 5000 } }])
    await vi.advanceTimersByTimeAsync(3000)
    history.pushState(null, '', '/')
    document.body.textContent = 'Home'
    await vi.advanceTimersByTimeAsync(10_000)
    expect(shown).toEqual([])
  })

  it('url with delay: a route change away cancels the pending survey', () => {
    history.replaceState(null, '', '/pricing')
    start([{ id: 'pricing', type: 'ces', trigger: { url: '/pricing', delay: 5000 } }])
    vi.advanceTimersByTime(3000)
    go('/blog')
    vi.advanceTimersByTime(10_000)
    expect(shown).toEqual([])
  })

  it('event with delay: a route change keeps it when it has no url condition', () => {
    start([{ id: 'nps', type: 'nps', trigger: { event: 'checkout_completed', delay: 3000 } }])
    sayso!.track('checkout_completed')
    go('/thanks')
    vi.advanceTimersByTime(3000)
    expect(shown).toEqual(['nps'])
  })

  it('event and url together: the event must come on a matching page', () => {
    start([{ id: 'cart', type: 'csat', trigger: { event: 'added', url: '/product/*' } }])
    sayso!.track('added')
    vi.advanceTimersByTime(1)
    expect(shown).toEqual([])
    go('/product/tent')
    vi.advanceTimersByTime(1)
    expect(shown).toEqual([])
    sayso!.track('added')
    vi.advanceTimersByTime(1)
    expect(shown).toEqual(['cart'])
  })

  // docs/configuration.md, "When a survey asks": without a delay, at once.
  it('without a delay, asks in the same task as its moment, with no timer between', () => {
    start([{ id: 'after-checkout', type: 'nps', trigger: { event: 'checkout_completed' } }])
    sayso!.track('checkout_completed')
    expect(shown).toEqual(['after-checkout'])
    close()
    start([{ id: 'on-help', type: 'ces', trigger: { url: '/help' } }], { frequency: { cooldownDays: 0 } })
    go('/help')
    expect(shown).toEqual(['after-checkout', 'on-help'])
  })

  it('an event tracked on one page does not count on the next', () => {
    start([{ id: 'a', type: 'nps', trigger: { event: 'x', url: '/b' } }])
    sayso!.track('x')
    go('/b')
    vi.advanceTimersByTime(1)
    expect(shown).toEqual([])
  })

  it.each([
    [{ plan: 'pro' }, { plan: 'pro' }, true],
    [{ plan: 'pro' }, { plan: 'free' }, false],
    [{ total: { gte: 100 } }, { total: 120 }, true],
    [{ total: { gte: 100 } }, { total: 99 }, false],
    [{ total: { gt: 100, lt: 200 } }, { total: 150 }, true],
    [{ total: { gte: 100 } }, { total: '120' }, false],
    [{ plan: { in: ['pro', 'team'] } }, { plan: 'team' }, true],
    [{ coupon: { exists: true } }, {}, false],
    [{ coupon: { exists: false } }, {}, true],
    [{ coupon: { exists: true } }, { coupon: 'X' }, true]
  ])('event properties %j with %j: %s', (props, given, expected) => {
    start([{ id: 'e', type: 'nps', trigger: { event: 'buy', props } }])
    sayso!.track('buy', given as never)
    vi.advanceTimersByTime(1)
    expect(shown).toEqual(expected ? ['e'] : [])
  })

  it('scroll: shows once the page has been scrolled that far', () => {
    Object.defineProperty(document.documentElement, 'scrollHeight', { value: 4000, configurable: true })
    Object.defineProperty(window, 'innerHeight', { value: 1000, configurable: true })
    start([{ id: 's', type: 'nps', trigger: { scroll: 50 } }])
    window.scrollY = 500
    window.dispatchEvent(new Event('scroll'))
    vi.advanceTimersByTime(1)
    expect(shown).toEqual([])
    Object.defineProperty(window, 'scrollY', { value: 1000, configurable: true })
    window.dispatchEvent(new Event('scroll'))
    vi.advanceTimersByTime(1)
    expect(shown).toEqual(['s'])
    Reflect.deleteProperty(document.documentElement, 'scrollHeight')
    Reflect.deleteProperty(window, 'scrollY')
  })

  it('exit intent: the pointer leaving through the top edge, not the sides', () => {
    start([{ id: 'x', type: 'csat', trigger: { exitIntent: true } }])
    document.dispatchEvent(new MouseEvent('mouseout', { clientY: 300, clientX: -1, relatedTarget: null }))
    vi.advanceTimersByTime(1)
    expect(shown).toEqual([])
    document.dispatchEvent(new MouseEvent('mouseout', { clientY: -2, relatedTarget: null }))
    vi.advanceTimersByTime(1)
    expect(shown).toEqual(['x'])
  })

  it('click: on a matching element, also one added after init', () => {
    start([{ id: 'c', type: 'ces', trigger: { click: '[data-help] button' } }])
    const later = document.createElement('div')
    later.dataset.help = ''
    later.innerHTML = '<button><span>Help</span></button>'
    document.body.append(later)
    document.body.click()
    vi.advanceTimersByTime(1)
    expect(shown).toEqual([])
    later.querySelector('span')!.click()
    vi.advanceTimersByTime(1)
    expect(shown).toEqual(['c'])
  })

  it('a wrong selector is a configuration problem, not an error in the page', () => {
    const { problems } = parseConfig({ endpoint: '/a', surveys: [{ id: 'c', type: 'nps', trigger: { click: 'button[' } }] })
    expect(problems[0].message).toBe('surveys[0].trigger.click: expected a CSS selector, got "button["')
  })

  it('leaving a page closes nothing the visitor is answering', () => {
    start([{ id: 'nps', type: 'nps' }])
    radio('9')!.click()
    go('/elsewhere')
    vi.advanceTimersByTime(10_000)
    expect(widgetRoot()!.querySelector('textarea')).not.toBeNull()
  })
})

describe('frequency', () => {
  it('shows at most one pop-up per page view, the first survey in the list when two match', () => {
    start([
      { id: 'first', type: 'nps' },
      { id: 'second', type: 'csat' }
    ], { frequency: { cooldownDays: 0 } })
    expect(shown).toEqual(['first'])
    close()
    vi.advanceTimersByTime(1000)
    expect(shown).toEqual(['first'])
    go('/next')
    vi.advanceTimersByTime(1)
    expect(shown).toEqual(['first', 'second'])
  })

  it('counts a route change announced with page() once, though the page changes after it', async () => {
    start([
      { id: 'first', type: 'nps', trigger: { url: '/next' } },
      { id: 'second', type: 'csat', trigger: { url: '/next' } }
    ], { frequency: { cooldownDays: 0 } })
    go('/next')
    vi.advanceTimersByTime(1)
    close()
    // The app draws its route after telling sayso: no second page view, so no second pop-up.
    document.body.append(document.createElement('main'))
    await vi.advanceTimersByTimeAsync(1)
    expect(shown).toEqual(['first'])
  })

  it('keeps a global cooldown across surveys and across reloads', () => {
    start([{ id: 'a', type: 'nps' }])
    close()
    start([{ id: 'b', type: 'csat' }]) // the next page load
    expect(shown).toEqual(['a'])
    vi.setSystemTime(Date.now() + DAY + 1)
    start([{ id: 'b', type: 'csat' }])
    expect(shown).toEqual(['a', 'b'])
  })

  it.each([
    ['answered', 90],
    ['dismissed', 14]
  ] as const)('asks again only %s + %s days later, across reloads', (outcome, days) => {
    const survey: Survey = { id: 'nps', type: 'nps' }
    start([survey])
    if (outcome === 'answered') radio('8')!.click()
    close()
    vi.setSystemTime(Date.now() + (days - 1) * DAY)
    start([survey])
    expect(shown).toEqual(['nps'])
    vi.setSystemTime(Date.now() + DAY + 1)
    start([survey])
    expect(shown).toEqual(['nps', 'nps'])
  })

  it('takes its days from the survey', () => {
    const survey: Survey = { id: 'nps', type: 'nps', frequency: { dismissedDays: 2 } }
    start([survey], { frequency: { cooldownDays: 0 } })
    close()
    vi.setSystemTime(Date.now() + 2 * DAY + 1)
    start([survey], { frequency: { cooldownDays: 0 } })
    expect(shown).toEqual(['nps', 'nps'])
  })

  it('show() follows the rules; { force: true } ignores all of them', () => {
    start([{ id: 'm', type: 'nps', trigger: 'manual', audience: { device: 'mobile' }, sample: 0 }])
    expect(sayso!.show('m')).toBe(false)
    expect(sayso!.show('m', { force: true })).toBe(true)
  })

  it('works when storage throws, keeping its state for the page', () => {
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('full', 'QuotaExceededError')
    })
    start([{ id: 'a', type: 'nps' }, { id: 'b', type: 'csat', trigger: 'manual' }])
    expect(shown).toEqual(['a'])
    close()
    expect(sayso!.show('b')).toBe(false)
  })
})

describe('audience and sample', () => {
  const survey = (extra: Partial<Survey>) => parseConfig({ endpoint: '/a', surveys: [{ id: 's', type: 'nps', ...extra }] }).config.surveys[0]

  it.each([
    [{ attributes: { plan: 'pro' } }, { locale: 'en', attributes: { plan: 'pro' } }, true],
    [{ attributes: { plan: 'pro' } }, { locale: 'en', attributes: { plan: 'free' } }, false],
    [{ attributes: { seats: { gte: 5 } } }, { locale: 'en', attributes: { seats: 10 } }, true],
    [{ attributes: { seats: { gte: 5 } } }, { locale: 'en' }, false],
    [{ locale: 'pl' }, { locale: 'pl-PL' }, true],
    [{ locale: ['de', 'pl'] }, { locale: 'pl' }, true],
    [{ locale: 'en-GB' }, { locale: 'en-US' }, false],
    [{ locale: 'pt' }, { locale: 'pl' }, false],
    [{ device: 'desktop' }, { locale: 'en' }, true],
    [{ device: 'mobile' }, { locale: 'en' }, false]
  ])('%j for %j: %s', (audience, visitor, expected) => {
    expect(inAudience(survey({ audience: audience as Survey['audience'] }), { id: 'v1', ...visitor })).toBe(expected)
  })

  it('samples a stable share of visitors', () => {
    const quarter = survey({ sample: 0.25 })
    const visitors = Array.from({ length: 4000 }, (_, i) => `visitor-${i}`)
    const first = visitors.map((id) => inAudience(quarter, { id, locale: 'en' }))
    const share = first.filter(Boolean).length / visitors.length
    expect(share).toBeGreaterThan(0.22)
    expect(share).toBeLessThan(0.28)
    for (let view = 0; view < 20; view++) {
      expect(visitors.map((id) => inAudience(quarter, { id, locale: 'en' }))).toEqual(first)
    }
  })

  it('uses the attributes given later by identify()', () => {
    start([{ id: 'pro', type: 'nps', trigger: 'manual', audience: { attributes: { plan: 'pro' } } }])
    expect(sayso!.show('pro')).toBe(false)
    sayso!.identify('u1', { plan: 'pro' })
    expect(sayso!.show('pro')).toBe(true)
  })
})

describe('listeners', () => {
  it('adds only what the surveys use, and destroy() removes them', () => {
    const listeners = watchListeners()
    const added = () => listeners.added.map((entry) => entry.type)
    const left = (type: string) => added().filter((t) => t === type).length - listeners.removed.filter((entry) => entry.type === type).length
    start([{ id: 'm', type: 'nps', trigger: 'manual' }])
    expect(added().filter((type) => ['scroll', 'mouseout', 'click', 'popstate'].includes(type))).toEqual([])
    // For a visitor outside its audience, so that nothing loads its parts ahead of time.
    start([{ id: 'e', type: 'nps', trigger: { event: 'x', scroll: 10 }, audience: { locale: 'pl' } }])
    expect(added()).toEqual(expect.arrayContaining(['scroll', 'popstate']))
    expect(added()).not.toContain('mouseout')
    expect(added()).not.toContain('click')
    // Nothing waits to be sent and no survey may ask: the outbox and its page-leaving listeners stay away.
    expect(added()).not.toContain('pagehide')
    sayso!.destroy()
    expect(new Set(added()).size).toBeGreaterThanOrEqual(2)
    for (const type of new Set(added())) expect([type, left(type)]).toEqual([type, 0])
  })
})
