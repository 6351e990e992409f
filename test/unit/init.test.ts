import { afterEach, describe, expect, it, vi } from 'vitest'
import { init } from '../../src/init'
import type { Sayso } from '../../src/types'
import { fakeTransport, radio, title, useCleanPage, watchListeners, widgetRoot } from './helpers'

let sayso: Sayso | undefined
const page = useCleanPage()
afterEach(() => {
  sayso?.destroy()
  sayso = undefined
})

describe('triggers', () => {
  it('shows a page-view survey after its delay', () => {
    const { transport } = fakeTransport()
    sayso = init({ transport, surveys: [{ id: 'nps', type: 'nps', trigger: { delay: 5000 } }] })
    vi.advanceTimersByTime(4999)
    expect(widgetRoot()).toBeNull()
    vi.advanceTimersByTime(1)
    expect(title()).toMatch(/^How likely/)
  })

  it('shows an event survey on track(), when its properties match, after its delay', () => {
    const { transport } = fakeTransport()
    sayso = init({
      transport,
      surveys: [{ id: 'ces', type: 'ces', trigger: { event: 'return_started', props: { items: { gte: 1 } }, delay: 100 } }]
    })
    vi.advanceTimersByTime(1000)
    expect(widgetRoot()).toBeNull()
    sayso.track('checkout')
    sayso.track('return_started', { items: 0 })
    vi.advanceTimersByTime(1000)
    expect(widgetRoot()).toBeNull()
    sayso.track('return_started', { items: 2 })
    vi.advanceTimersByTime(99)
    expect(widgetRoot()).toBeNull()
    vi.advanceTimersByTime(1)
    expect(title()).toMatch(/^It was easy/)
  })

  it('keeps an event tracked right after init, before sayso has started', () => {
    const { transport } = fakeTransport()
    sayso = init({ transport, surveys: [{ id: 'csat', type: 'csat', trigger: { event: 'purchase' } }] })
    sayso.track('purchase')
    vi.advanceTimersByTime(1)
    expect(title()).toMatch(/^How satisfied/)
  })

  it('shows a manual survey only through show()', () => {
    const { transport } = fakeTransport()
    sayso = init({ transport, surveys: [{ id: 'csat', type: 'csat', trigger: 'manual' }] })
    vi.advanceTimersByTime(1000)
    expect(widgetRoot()).toBeNull()
    expect(sayso.show('csat')).toBe(true)
    expect(title()).toMatch(/^How satisfied/)
  })

  it('shows one survey at a time', () => {
    const { transport } = fakeTransport()
    sayso = init({ transport, surveys: [{ id: 'a', type: 'nps' }, { id: 'b', type: 'csat', trigger: 'manual' }] })
    vi.advanceTimersByTime(1)
    expect(sayso.show('b')).toBe(false)
    expect(document.querySelectorAll('sayso-widget')).toHaveLength(1)
    expect(title()).toMatch(/^How likely/)
  })
})

describe('loading the parts ahead of the moment', () => {
  it('loads them once the page has loaded, for a survey that may still ask this visitor, and not for one that may not', async () => {
    const loadPart = await import('../../src/load-part')
    const spy = vi.spyOn(loadPart, 'loadPart')
    const { transport } = fakeTransport()
    sayso = init({ transport, locale: 'en', surveys: [{ id: 'later', type: 'nps', trigger: { event: 'checkout' }, audience: { locale: 'pl' } }] })
    await vi.advanceTimersByTimeAsync(3000)
    expect(spy).not.toHaveBeenCalled()
    sayso.destroy()
    sayso = init({ transport, locale: 'en', surveys: [{ id: 'later', type: 'nps', trigger: { event: 'checkout' } }] })
    await vi.advanceTimersByTimeAsync(3000)
    expect(spy.mock.calls.map(([name]) => name).sort()).toEqual(['outbox', 'ui'])
    expect(widgetRoot()).toBeNull()
  })
})

describe('events', () => {
  it('tells show, answer, submit, sent in order, each with its payload', async () => {
    const { transport } = fakeTransport()
    sayso = init({ transport, surveys: [{ id: 'ces', type: 'ces', followUp: false }] })
    const seen: [string, unknown][] = []
    for (const name of ['show', 'answer', 'submit', 'dismiss', 'sent', 'error'] as const) {
      sayso.on(name, (payload) => seen.push([name, payload]))
    }
    vi.advanceTimersByTime(1)
    radio('7')!.click()
    await vi.advanceTimersByTimeAsync(400)
    expect(seen.map(([name]) => name)).toEqual(['show', 'answer', 'submit', 'sent'])
    expect(seen[0][1]).toEqual({ surveyId: 'ces', type: 'ces' })
    const answer = seen[1][1] as { id: string }
    expect(seen[3][1]).toEqual({ answers: [answer] })
  })

  it('stops calling a handler once unsubscribed', () => {
    const { transport } = fakeTransport()
    sayso = init({ transport, surveys: [{ id: 'a', type: 'nps', trigger: 'manual' }] })
    const handler = vi.fn()
    const off = sayso.on('show', handler)
    off()
    sayso.show('a')
    expect(handler).not.toHaveBeenCalled()
  })

  it('keeps going when a handler of the page throws', () => {
    const { transport } = fakeTransport()
    sayso = init({ transport, surveys: [{ id: 'a', type: 'nps', trigger: 'manual' }] })
    const after = vi.fn()
    sayso.on('show', () => {
      throw new Error('page bug')
    })
    sayso.on('show', after)
    expect(sayso.show('a')).toBe(true)
    expect(after).toHaveBeenCalled()
    expect(() => vi.runOnlyPendingTimers()).toThrow('page bug')
  })

  it('reports each configuration problem once on the console and through error, and runs the valid surveys', () => {
    const { transport } = fakeTransport()
    sayso = init({
      transport,
      surveys: [{ id: 'ok', type: 'nps' }, { id: 'bad', type: 'nps', trigger: { delay: 'soon' as never } }]
    })
    const errors: unknown[] = []
    sayso.on('error', (error) => errors.push(error))
    vi.advanceTimersByTime(1)
    expect(errors).toEqual([
      { reason: 'config', path: 'surveys[1].trigger.delay', message: 'surveys[1].trigger.delay: expected a number ≥ 0, got "soon"' },
      { reason: 'config', path: 'surveys[1]', message: 'surveys[1]: survey left out for the problems above' }
    ])
    expect(page.warn.mock.calls).toEqual([
      ['[sayso] surveys[1].trigger.delay: expected a number ≥ 0, got "soon"'],
      ['[sayso] surveys[1]: survey left out for the problems above']
    ])
    expect(title()).toMatch(/^How likely/)
  })

  it('reports a survey that looks wrong when it is about to show, once, and leaves it out; the others still show', () => {
    const { transport } = fakeTransport()
    sayso = init({
      transport,
      theme: { position: 'top' as never },
      surveys: [
        { id: 'bad', type: 'nps', trigger: 'manual', thankYou: { closeAfterMs: 'soon' as never } },
        { id: 'ok', type: 'csat', trigger: 'manual' }
      ]
    })
    const errors: unknown[] = []
    sayso.on('error', (error) => errors.push(error))
    vi.advanceTimersByTime(1)
    expect(errors).toEqual([])
    expect(sayso.show('bad')).toBe(true)
    expect(widgetRoot()).toBeNull()
    expect(sayso.show('bad')).toBe(true)
    expect(errors).toEqual([
      { reason: 'config', path: 'theme.position', message: `theme.position: expected 'bottom-right' or 'bottom-left' or 'bottom-center' or 'center', got "top"` },
      { reason: 'config', path: 'surveys[0].thankYou.closeAfterMs', message: 'surveys[0].thankYou.closeAfterMs: expected a number ≥ 0, got "soon"' },
      { reason: 'config', path: 'surveys[0]', message: 'surveys[0]: survey left out for the problems above' }
    ])
    expect(sayso.show('ok')).toBe(true)
    expect(title()).toMatch(/^How satisfied/)
  })

  it('reports an unknown survey id through error, without throwing', () => {
    const { transport } = fakeTransport()
    sayso = init({ transport, surveys: [] })
    const errors: unknown[] = []
    sayso.on('error', (error) => errors.push(error))
    expect(sayso.show('nope')).toBe(false)
    expect(errors).toEqual([{ reason: 'command', message: 'show: no survey has the id "nope"' }])
  })

  it('never throws into the page, even for nonsense', () => {
    expect(() => {
      sayso = init(undefined as never)
      sayso.track(undefined as never)
      sayso.show(42 as never)
      sayso.identify(null as never, 'x' as never)
    }).not.toThrow()
  })
})

describe('identify', () => {
  it('leaves out a value that cannot travel as JSON, names it once, and delivers the answer (docs/delivery.md row 23)', async () => {
    const fake = fakeTransport()
    sayso = init({ transport: fake.transport, surveys: [{ id: 'a', type: 'nps', trigger: 'manual', followUp: false }] })
    const errors: string[] = []
    sayso.on('error', (error) => errors.push(error.message))
    sayso.identify('u', { plan: 'pro', n: 10n as never })
    vi.advanceTimersByTime(1)
    sayso.show('a')
    radio('8')!.click()
    await vi.advanceTimersByTimeAsync(1000)
    expect(fake.sent()).toEqual([expect.objectContaining({ score: 8, userId: 'u', attributes: { plan: 'pro' } })])
    expect(errors).toEqual(['identify: attribute "n" left out: expected a string, number, boolean or null, got 10'])
  })

  it('sends the user id and attributes with later answers', async () => {
    const fake = fakeTransport()
    sayso = init({ transport: fake.transport, user: { attributes: { plan: 'free' } }, surveys: [{ id: 'a', type: 'nps', trigger: 'manual', followUp: false }] })
    sayso.identify('u_42', { plan: 'pro', seats: 3 })
    sayso.show('a')
    radio('10')!.click()
    await vi.advanceTimersByTimeAsync(400)
    expect(fake.sent()[0]).toEqual(
      expect.objectContaining({ userId: 'u_42', attributes: { plan: 'pro', seats: 3 }, url: 'http://localhost:3000/' })
    )
  })
})

describe('the answer on the wire', () => {
  it('has the fields of docs/wire.md, a UUID and no query string in the URL', async () => {
    history.replaceState(null, '', '/thanks?token=secret#x')
    const fake = fakeTransport()
    sayso = init({ transport: fake.transport, locale: 'en', surveys: [{ id: 'nps-main', type: 'nps', followUp: false }] })
    vi.advanceTimersByTime(1)
    radio('9')!.click()
    await vi.advanceTimersByTimeAsync(400)
    const [answer] = fake.sent()
    expect(Object.keys(answer).sort()).toEqual(['complete', 'createdAt', 'device', 'id', 'locale', 'score', 'sdk', 'surveyId', 'type', 'url', 'visitorId'])
    expect(answer).toMatchObject({ surveyId: 'nps-main', type: 'nps', score: 9, complete: true, locale: 'en', url: 'http://localhost:3000/thanks', device: 'desktop', sdk: 'sayso@0.1.0' })
    expect(answer.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(new Date(answer.createdAt).toISOString()).toBe(answer.createdAt)
    expect(answer.visitorId).toBe(localStorage.getItem('sayso:visitor'))
    history.replaceState(null, '', '/')
  })
})

describe('destroy', () => {
  it('leaves no element, listener or timer behind', () => {
    const { added, removed } = watchListeners()
    const timersBefore = vi.getTimerCount()
    const { transport } = fakeTransport()
    const instance = init({
      transport,
      surveys: [
        { id: 'now', type: 'nps' },
        { id: 'later', type: 'csat', trigger: { delay: 60_000 } },
        { id: 'event', type: 'ces', trigger: { event: 'x', delay: 60_000 } }
      ]
    })
    vi.advanceTimersByTime(1)
    instance.track('x')
    expect(widgetRoot()).not.toBeNull()
    instance.destroy()
    expect(document.querySelector('sayso-widget')).toBeNull()
    expect(vi.getTimerCount()).toBe(timersBefore)
    expect(removed.map((entry) => entry.listener)).toEqual(expect.arrayContaining(added.map((entry) => entry.listener)))
    instance.track('x')
    vi.advanceTimersByTime(120_000)
    expect(document.querySelector('sayso-widget')).toBeNull()
  })

  it('also cancels a start still waiting for the page to load', () => {
    Object.defineProperty(document, 'readyState', { value: 'loading', configurable: true })
    const { transport } = fakeTransport()
    const instance = init({ transport, surveys: [{ id: 'now', type: 'nps' }] })
    instance.destroy()
    Reflect.deleteProperty(document, 'readyState')
    document.dispatchEvent(new Event('DOMContentLoaded'))
    vi.advanceTimersByTime(10)
    expect(document.querySelector('sayso-widget')).toBeNull()
  })
})
