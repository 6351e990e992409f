import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Answer, Sayso, SaysoConfig, Survey } from '../../src/types'
import { fakeTransport, useCleanPage, widgetRoot, startSayso } from './helpers'

const DAY = 24 * 60 * 60 * 1000
let sayso: Sayso | undefined
let fake: ReturnType<typeof fakeTransport>
const shown: string[] = []

const start = (surveys: Survey[], config: Partial<SaysoConfig> = {}) => {
  sayso?.destroy()
  ;({ sayso, fake } = startSayso({ ...config, surveys }, (started) => started.on('show', ({ surveyId }) => shown.push(surveyId))))
  return sayso
}
const go = (path: string) => {
  history.pushState(null, '', path)
  sayso!.page()
  vi.advanceTimersByTime(1)
}
const slot = (id = 'helpful') => {
  const element = document.createElement('div')
  element.id = id
  document.body.append(element)
  return element
}
const inlineRoot = () => document.querySelector('sayso-inline')?.shadowRoot ?? null
const inInline = <T extends Element>(selector: string) => inlineRoot()?.querySelector<T>(selector) ?? null
const pick = (score: string) => [...inlineRoot()!.querySelectorAll<HTMLElement>('[role=radio]')].find((one) => one.textContent === score)!.click()
const inlineButton = (name: string) => [...inlineRoot()!.querySelectorAll<HTMLButtonElement>('button')].find((one) => one.textContent === name)

const helpful: Survey = { id: 'helpful', type: 'csat', inline: '#helpful', followUp: false }

useCleanPage({ now: Date.parse('2026-11-22T19:00:00Z') })
beforeEach(() => {
  shown.length = 0
  history.replaceState(null, '', '/articles/one')
})
afterEach(() => {
  sayso?.destroy()
  sayso = undefined
})

describe('an inline survey', () => {
  it('is drawn inside its element, in its own shadow root, as a form region named by its question, without Close and without taking focus', async () => {
    const element = slot()
    const before = document.createElement('button')
    document.body.append(before)
    before.focus()
    start([helpful])
    await vi.waitFor(() => expect(inlineRoot()).not.toBeNull())
    expect(document.querySelector('sayso-inline')!.parentElement).toBe(element)
    const region = inInline<HTMLElement>('[role=form]')!
    expect(inlineRoot()!.getElementById(region.getAttribute('aria-labelledby')!)!.textContent).toBe('How satisfied are you with your experience today?')
    expect(inInline('[role=dialog]')).toBeNull()
    expect(inInline('.close')).toBeNull()
    expect(document.activeElement).toBe(before)
    expect(widgetRoot()).toBeNull()
    expect(shown).toEqual(['helpful'])
  })

  it('keeps its thanks in the page, and its answer goes through the outbox', async () => {
    slot()
    start([helpful])
    await vi.waitFor(() => expect(inlineRoot()).not.toBeNull())
    pick('4')
    vi.advanceTimersByTime(60_000)
    expect(inInline('.thanks')!.textContent).toBe('Thank you for your feedback!')
    await vi.advanceTimersByTimeAsync(400)
    expect(fake.sent().at(-1)).toMatchObject({ surveyId: 'helpful', score: 4, complete: true, url: expect.stringContaining('/articles/one') } satisfies Partial<Answer>)
  })

  it('is drawn when its element appears later, goes with it, and comes back with it until answered', async () => {
    start([helpful])
    await vi.advanceTimersByTimeAsync(10)
    expect(inlineRoot()).toBeNull()
    const element = slot()
    await vi.waitFor(() => expect(element.querySelector('sayso-inline')).not.toBeNull())
    element.remove()
    await vi.waitFor(() => expect(element.querySelector('sayso-inline')).toBeNull())
    const again = slot()
    await vi.waitFor(() => expect(again.querySelector('sayso-inline')).not.toBeNull())
    pick('5')
    again.remove()
    const third = slot()
    await vi.advanceTimersByTimeAsync(10)
    expect(third.querySelector('sayso-inline')).toBeNull()
  })

  it('is taken out on destroy(), and an element that appears after it stays empty', async () => {
    const element = slot()
    start([helpful])
    await vi.waitFor(() => expect(element.querySelector('sayso-inline')).not.toBeNull())
    sayso!.destroy()
    expect(element.querySelector('sayso-inline')).toBeNull()
    element.remove()
    const later = slot()
    await vi.advanceTimersByTimeAsync(10)
    expect(later.children).toHaveLength(0)
  })

  it('is not a pop-up: a pop-up shows beside it on the same page view, and the cooldown leaves it be', async () => {
    slot()
    start([helpful, { id: 'nps', type: 'nps' }])
    await vi.waitFor(() => expect(inlineRoot()).not.toBeNull())
    await vi.waitFor(() => expect(widgetRoot()).not.toBeNull())
    expect(shown.sort()).toEqual(['helpful', 'nps'])
    // The next page load, within the cooldown the pop-up started: the inline survey still asks.
    document.body.replaceChildren()
    slot()
    shown.length = 0
    start([helpful, { id: 'csat', type: 'csat' }])
    await vi.waitFor(() => expect(inlineRoot()).not.toBeNull())
    await vi.advanceTimersByTimeAsync(10)
    expect(shown).toEqual(['helpful'])
    expect(widgetRoot()).toBeNull()
  })

  it('counts its frequency per page path: answered under one article, it still asks under the next', async () => {
    slot()
    start([helpful])
    await vi.waitFor(() => expect(inlineRoot()).not.toBeNull())
    pick('2')
    // The same article again, a day later: not asked again.
    vi.setSystemTime(Date.now() + DAY)
    document.body.replaceChildren()
    slot()
    start([helpful])
    await vi.advanceTimersByTimeAsync(10)
    expect(inlineRoot()).toBeNull()
    // Another article, in the same single-page app.
    go('/articles/two')
    await vi.waitFor(() => expect(inlineRoot()).not.toBeNull())
    expect(shown).toEqual(['helpful', 'helpful'])
  })

  it('goes on a route change, unless the visitor is answering its follow-up', async () => {
    const element = slot()
    start([{ ...helpful, followUp: true }])
    await vi.waitFor(() => expect(inlineRoot()).not.toBeNull())
    pick('3')
    go('/articles/two')
    expect(element.querySelector('sayso-inline')).not.toBeNull()
    expect(inInline('textarea')).not.toBeNull()
    inlineButton('Skip')!.click()
    go('/articles/three')
    // The follow-up done, this route's own survey takes its place.
    await vi.waitFor(() => expect(inInline('[role=radiogroup]')).not.toBeNull())
    expect(element.querySelectorAll('sayso-inline')).toHaveLength(1)
  })
})
