import { afterEach, beforeEach, vi, type MockInstance } from 'vitest'
import { init } from '../../src/init'
import type { Answer, Sayso, SaysoConfig, Survey, SurveyRecord, Transport } from '../../src/types'

/** A transport that records every batch and answers what the test says. */
export const fakeTransport = (reply: Transport = async () => ({ ok: true })) => {
  const batches: SurveyRecord[][] = []
  const transport = vi.fn<Transport>(async (answers, options) => {
    batches.push(answers.map((answer) => ({ ...answer })))
    return reply(answers, options)
  })
  return { transport, batches, sent: () => batches.flat() }
}

export const widgetRoot = () => document.querySelector('sayso-widget')?.shadowRoot ?? null

export const dialog = () => widgetRoot()?.querySelector<HTMLElement>('[role=dialog]') ?? null

export const radios = () => [...(widgetRoot()?.querySelectorAll<HTMLButtonElement>('[role=radio]') ?? [])]

export const radio = (name: string) =>
  radios().find((element) => (element.getAttribute('aria-label') ?? element.textContent) === name)

export const button = (name: string) =>
  [...(widgetRoot()?.querySelectorAll<HTMLButtonElement>('button') ?? [])].find(
    (element) => (element.getAttribute('aria-label') ?? element.textContent) === name
  )

export const title = () => widgetRoot()?.getElementById('sayso-title')?.textContent

export const press = (element: Element, key: string) =>
  element.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }))

let answers = 0
/** A valid answer with a fresh UUID-shaped id, created now. */
export const makeAnswer = (extra: Partial<Answer> = {}): Answer => ({
  id: `00000000-0000-4000-8000-${String(++answers).padStart(12, '0')}`,
  surveyId: 'nps-main',
  type: 'nps',
  score: 9,
  complete: true,
  createdAt: new Date().toISOString(),
  url: 'https://shop.example/',
  locale: 'en',
  visitorId: 'v1',
  sdk: 'sayso@0.1.0',
  ...extra
})

/**
 * sayso started as a page starts it, in English unless `config` says otherwise, sending through
 * a fake transport; `listen` hears it before its surveys start, which they do once init has
 * returned (a timer's turn, advanced here).
 */
export const startSayso = (config: Partial<SaysoConfig> & { surveys: Survey[] }, listen?: (sayso: Sayso) => void) => {
  const fake = fakeTransport()
  const sayso = init({ transport: fake.transport, locale: 'en', ...config })
  listen?.(sayso)
  vi.advanceTimersByTime(1)
  return { sayso, fake }
}

/** Records every listener added to and removed from window and document, with its type. */
export const watchListeners = () => {
  const added: { type: string; listener: unknown }[] = []
  const removed: { type: string; listener: unknown }[] = []
  for (const target of [window, document]) {
    const add = target.addEventListener.bind(target)
    const remove = target.removeEventListener.bind(target)
    vi.spyOn(target, 'addEventListener').mockImplementation((type, listener, options) => {
      added.push({ type, listener })
      add(type, listener, options)
    })
    vi.spyOn(target, 'removeEventListener').mockImplementation((type, listener, options) => {
      removed.push({ type, listener })
      remove(type, listener, options)
    })
  }
  return { added, removed }
}

/**
 * For a test file that runs sayso: before each test an empty localStorage, fake timers (at `now`
 * when given) and a silenced console.warn (`page.warn` records it); after it, an empty page.
 * Register the file's own afterEach (destroying its instance) after this: it runs first.
 */
export const useCleanPage = ({ now }: { now?: number } = {}) => {
  const page = {} as { warn: MockInstance<typeof console.warn> }
  beforeEach(() => {
    localStorage.clear()
    vi.useFakeTimers(now === undefined ? undefined : { now })
    page.warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
  })
  afterEach(() => {
    vi.useRealTimers()
    vi.restoreAllMocks()
    document.body.replaceChildren()
  })
  return page
}
