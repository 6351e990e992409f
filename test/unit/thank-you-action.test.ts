import { afterEach, describe, expect, it, vi } from 'vitest'
import { init } from '../../src/init'
import type { Sayso, SaysoConfig, SaysoEvents, Survey } from '../../src/types'
import { button, fakeTransport, radio, title, useCleanPage, widgetRoot } from './helpers'

let sayso: Sayso | undefined
const followed: SaysoEvents['action'][] = []
const start = (surveys: Survey[], config: Partial<SaysoConfig> = {}) => {
  sayso = init({ transport: fakeTransport().transport, locale: 'en', ...config, surveys })
  sayso.on('action', (action) => followed.push(action))
  vi.advanceTimersByTime(1)
}
const link = () => widgetRoot()?.querySelector('a') ?? null

useCleanPage()
afterEach(() => {
  sayso?.destroy()
  sayso = undefined
  followed.length = 0
})

const review = { label: 'Leave a review', url: 'https://g.page/r/acme/review' }
const help = { label: 'Talk to us', url: 'https://acme.example/help' }

describe('a thank-you action', () => {
  it('is a link under the thanks that opens in a new tab, without access to this page, and says so', () => {
    start([{ id: 'nps', type: 'nps', followUp: false, thankYou: { action: review } }])
    radio('9')!.click()
    expect(title()).toBe('Thank you for your feedback!')
    const anchor = link()!
    expect([anchor.getAttribute('href'), anchor.target, anchor.rel]).toEqual(['https://g.page/r/acme/review', '_blank', 'noopener'])
    expect(anchor.textContent).toBe('Leave a review (opens in a new tab)')
    expect(anchor.querySelector('svg')!.getAttribute('aria-hidden')).toBe('true')
  })

  it('fires action when followed, and the pop-up closes after the click', () => {
    start([{ id: 'nps', type: 'nps', followUp: false, thankYou: { action: review } }])
    radio('10')!.click()
    link()!.addEventListener('click', (event) => event.preventDefault()) // no navigation in happy-dom
    link()!.click()
    expect(followed).toEqual([{ surveyId: 'nps', url: 'https://g.page/r/acme/review' }])
    expect(widgetRoot()).not.toBeNull() // still there while the click goes on, so that the tab opens
    vi.advanceTimersByTime(1)
    expect(widgetRoot()).toBeNull()
  })

  it('is chosen by segment, the segment’s own in place of the survey’s, and the event names the segment', () => {
    const survey: Survey = { id: 'nps', type: 'nps', followUp: false, thankYou: { action: { promoter: review, detractor: help } } }
    start([survey])
    radio('3')!.click()
    expect(link()!.getAttribute('href')).toBe(help.url)
    link()!.addEventListener('click', (event) => event.preventDefault())
    link()!.click()
    expect(followed).toEqual([{ surveyId: 'nps', url: help.url, segment: 'detractor' }])
    sayso!.destroy()
    localStorage.clear()
    start([survey])
    radio('7')!.click()
    expect(link()).toBeNull()
  })

  it('gives every segment without its own link the survey’s, in the survey’s language', async () => {
    start(
      [{ id: 'csat', type: 'csat', followUp: false, thankYou: { action: { label: { en: 'Tell us more', pl: 'Powiedz nam więcej' }, url: 'https://acme.example/more', high: review } } }],
      { locale: 'pl' }
    )
    await vi.waitFor(() => expect(radio('2')).toBeDefined())
    radio('2')!.click()
    expect(link()!.textContent).toBe('Powiedz nam więcej (otwiera się w nowej karcie)')
  })

  it('keeps the thanks on screen until it is closed, unless closeAfterMs says otherwise', () => {
    start([{ id: 'nps', type: 'nps', followUp: false, thankYou: { action: review } }])
    radio('9')!.click()
    vi.advanceTimersByTime(60_000)
    expect(link()).not.toBeNull()
    button('Close')!.click()
    expect(widgetRoot()).toBeNull()
    sayso!.destroy()
    localStorage.clear()
    start([{ id: 'nps', type: 'nps', followUp: false, thankYou: { action: review, closeAfterMs: 5000 } }])
    radio('9')!.click()
    vi.advanceTimersByTime(5000)
    expect(widgetRoot()).toBeNull()
  })

  it('closes the thanks of a segment without a link after 3 s, as ever', () => {
    start([{ id: 'nps', type: 'nps', followUp: false, thankYou: { action: { promoter: review } } }])
    radio('2')!.click()
    vi.advanceTimersByTime(3000)
    expect(widgetRoot()).toBeNull()
  })

  it('never draws a link the checks refuse, and reports it', () => {
    const errors: string[] = []
    sayso = init({ transport: fakeTransport().transport, surveys: [{ id: 'nps', type: 'nps', followUp: false, thankYou: { action: { label: 'x', url: 'javascript:alert(1)' } } }] })
    sayso.on('error', (error) => errors.push(error.message))
    vi.advanceTimersByTime(1)
    expect(widgetRoot()).toBeNull()
    expect(errors).toEqual(['surveys[0].thankYou.action.url: expected an http(s) URL, got "javascript:alert(1)"', 'surveys[0]: survey left out for the problems above'])
  })
})
