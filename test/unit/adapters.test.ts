import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { init } from '../../src/init'
import { gtmTransport } from '../../src/transport/gtm-transport'
import { hubspotTransport } from '../../src/transport/hubspot-transport'
import { intercomTransport } from '../../src/transport/intercom-transport'
import { posthogTransport } from '../../src/transport/posthog-transport'
import { segmentTransport } from '../../src/transport/segment-transport'
import type { Answer, Display, Sayso, SaysoError, Transport } from '../../src/types'
import { radio } from './helpers'

const answer: Answer = {
  id: 'a1',
  surveyId: 'nps-main',
  type: 'nps',
  score: 9,
  comment: 'Fast',
  reasons: ['price', 'delivery'],
  complete: true,
  createdAt: '2026-11-22T19:00:00.000Z',
  url: 'https://shop.example/',
  locale: 'en',
  visitorId: 'v1',
  sdk: 'sayso@0.1.0'
}
// A survey shown (a display): a record without a score.
const { score: _score, comment: _c, reasons: _r, ...shownFields } = answer
const shown: Display = { ...shownFields, complete: false, device: 'mobile' }
const dismissed: Display = { ...shown, dismissed: true }
const page = window as unknown as Record<string, unknown>
afterEach(() => {
  for (const name of ['analytics', 'posthog', 'dataLayer', 'Intercom', '_hsq']) delete page[name]
})

describe('analytics adapters', () => {
  it.each<[string, () => Transport, string, () => unknown, (calls: unknown[]) => void]>([
    ['Segment', () => segmentTransport(), 'analytics', () => ({ track: vi.fn() }), (calls) => expect(calls).toEqual([['Survey Answered', answer]])],
    ['PostHog', () => posthogTransport('nps answered'), 'posthog', () => ({ capture: vi.fn() }), (calls) => expect(calls).toEqual([['nps answered', answer]])],
    ['GTM', () => gtmTransport(), 'dataLayer', () => ({ push: vi.fn() }), (calls) => expect(calls).toEqual([[{ event: 'sayso_answer', sayso: answer }]])],
    [
      'Intercom',
      () => intercomTransport(),
      'Intercom',
      () => vi.fn(),
      (calls) =>
        expect(calls).toEqual([
          ['trackEvent', 'survey-answered', { answer_id: 'a1', survey_id: 'nps-main', type: 'nps', score: 9, comment: 'Fast', reasons: 'price, delivery', complete: true, locale: 'en', url: 'https://shop.example/' }]
        ])
    ],
    [
      'HubSpot',
      () => hubspotTransport('pe1_survey_answered'),
      '_hsq',
      () => ({ push: vi.fn() }),
      (calls) =>
        expect(calls).toEqual([
          [['trackCustomBehavioralEvent', { name: 'pe1_survey_answered', properties: { answer_id: 'a1', survey_id: 'nps-main', survey_type: 'nps', score: 9, comment: 'Fast', reasons: 'price;delivery', complete: true } }]]
        ])
    ]
  ])('%s gets each answer', async (_, make, name, tool, check) => {
    const target = tool()
    page[name] = target
    await expect(make()([answer], { keepalive: false })).resolves.toEqual({ ok: true })
    const spy = (typeof target === 'function' ? target : Object.values(target as object)[0]) as { mock: { calls: unknown[] } }
    check(spy.mock.calls)
  })

  // Intercom and HubSpot take plain values only: an answer without reasons (or a comment) sends an empty text.
  it.each<[string, () => Transport, string, () => unknown, (calls: unknown[][]) => unknown]>([
    ['Intercom', () => intercomTransport(), 'Intercom', () => vi.fn(), (calls) => calls[0][2]],
    ['HubSpot', () => hubspotTransport('pe1_survey_answered'), '_hsq', () => ({ push: vi.fn() }), (calls) => (calls[0][0] as [string, { properties: unknown }])[1].properties]
  ])('%s gets an answer without reasons as plain values', async (_, make, name, tool, propertiesOf) => {
    const target = tool()
    page[name] = target
    const { reasons: _reasons, comment: _comment, ...plain } = answer
    await make()([plain], { keepalive: false })
    const spy = (typeof target === 'function' ? target : Object.values(target as object)[0]) as { mock: { calls: unknown[][] } }
    expect(propertiesOf(spy.mock.calls)).toMatchObject({ reasons: '', comment: '' })
  })

  // A display never becomes the answer's event: the analytics tools get "shown" and "dismissed"
  // events of their own; the CRMs (Intercom, HubSpot) get nothing, and it counts as delivered.
  it.each<[string, () => Transport, string, () => unknown, unknown[]]>([
    ['Segment', () => segmentTransport(), 'analytics', () => ({ track: vi.fn() }), [['Survey Shown', shown], ['Survey Dismissed', dismissed], ['Survey Answered', answer]]],
    ['Segment, its own names', () => segmentTransport('A', { shown: 'S', dismissed: 'D' }), 'analytics', () => ({ track: vi.fn() }), [['S', shown], ['D', dismissed], ['A', answer]]],
    ['PostHog', () => posthogTransport(), 'posthog', () => ({ capture: vi.fn() }), [['survey shown', shown], ['survey dismissed', dismissed], ['survey answered', answer]]],
    ['GTM', () => gtmTransport(), 'dataLayer', () => ({ push: vi.fn() }), [[{ event: 'sayso_shown', sayso: shown }], [{ event: 'sayso_dismissed', sayso: dismissed }], [{ event: 'sayso_answer', sayso: answer }]]],
    ['Intercom', () => intercomTransport(), 'Intercom', () => vi.fn(), [['trackEvent', 'survey-answered', expect.objectContaining({ answer_id: 'a1', score: 9 })]]],
    ['HubSpot', () => hubspotTransport('pe1'), '_hsq', () => ({ push: vi.fn() }), [[['trackCustomBehavioralEvent', expect.objectContaining({ properties: expect.objectContaining({ score: 9 }) })]]]]
  ])('%s gets displays as displays, never as scores', async (_, make, name, tool, calls) => {
    const target = tool()
    page[name] = target
    await expect(make()([shown, dismissed, answer], { keepalive: false })).resolves.toEqual({ ok: true })
    const spy = (typeof target === 'function' ? target : Object.values(target as object)[0]) as { mock: { calls: unknown[] } }
    expect(spy.mock.calls).toEqual(calls)
  })

  it.each([
    ['Segment', segmentTransport(), 'Segment or RudderStack (window.analytics) is not on the page'],
    ['PostHog', posthogTransport(), 'PostHog (window.posthog) is not on the page'],
    ['GTM', gtmTransport(), 'Google Tag Manager (window.dataLayer) is not on the page'],
    ['Intercom', intercomTransport(), 'Intercom (window.Intercom) is not on the page'],
    ['HubSpot', hubspotTransport('x'), 'HubSpot (window._hsq) is not on the page']
  ])('%s missing from the page is an error', async (_, transport, message) => {
    await expect(transport([answer], { keepalive: false })).rejects.toThrow(message)
  })
})

describe('an adapter whose tool is missing', () => {
  let sayso: Sayso
  beforeEach(() => {
    vi.useFakeTimers()
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    localStorage.clear()
  })
  afterEach(() => {
    sayso.destroy()
    vi.useRealTimers()
    vi.restoreAllMocks()
    document.body.replaceChildren()
  })

  it('reports it through error and keeps the answer queued until the tool arrives', async () => {
    sayso = init({ transport: segmentTransport(), surveys: [{ id: 'nps', type: 'nps', followUp: false }] })
    const errors: SaysoError[] = []
    sayso.on('error', (error) => errors.push(error))
    vi.advanceTimersByTime(1)
    radio('10')!.click()
    await vi.advanceTimersByTimeAsync(500)
    expect(errors[0]).toMatchObject({ reason: 'transport', message: expect.stringContaining('Segment or RudderStack (window.analytics) is not on the page') })
    expect(Object.keys(localStorage).filter((key) => key.startsWith('sayso:q:transport:'))).toHaveLength(1)
    const track = vi.fn()
    page.analytics = { track }
    await vi.advanceTimersByTimeAsync(5000)
    expect(track).toHaveBeenCalledWith('Survey Answered', expect.objectContaining({ score: 10 }))
    expect(Object.keys(localStorage).filter((key) => key.startsWith('sayso:q:'))).toHaveLength(0)
  })
})
