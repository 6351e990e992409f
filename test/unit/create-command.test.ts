import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createCommand, type SaysoCommand } from '../../src/create-command'
import { fakeTransport, title, widgetRoot } from './helpers'

declare global {
  interface Window {
    sayso?: SaysoCommand
  }
}

let warn: ReturnType<typeof vi.spyOn>
beforeEach(() => {
  localStorage.clear()
  vi.useFakeTimers()
  warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
})
afterEach(() => {
  window.sayso?.destroy?.()
  delete window.sayso
  vi.useRealTimers()
  vi.restoreAllMocks()
  document.body.replaceChildren()
})

describe('the script-tag call queue', () => {
  it('replays the calls made before the bundle loaded, in order', async () => {
    const { transport } = fakeTransport()
    const seen: string[] = []
    // The snippet of docs/embedding.md, as a page pastes it.
    window.sayso = function () {
      // eslint-disable-next-line prefer-rest-params
      ;((window.sayso as unknown as { q: unknown[] }).q ||= []).push(arguments)
    } as unknown as SaysoCommand
    window.sayso('on', 'show', (event: { surveyId: string }) => seen.push(`show ${event.surveyId}`))
    window.sayso('init', { transport, surveys: [{ id: 'csat', type: 'csat', trigger: { event: 'purchase' } }] })
    window.sayso('track', 'purchase')
    vi.resetModules()
    await import('../../src/global')
    expect(window.sayso.version).toBe('0.1.0')
    vi.advanceTimersByTime(1)
    // A fresh copy of sayso loads its survey-drawing part first.
    await vi.waitFor(() => expect(title()).toBe('How satisfied are you with your experience today?'))
    expect(seen).toEqual(['show csat'])
  })

  it('does not start twice when the script is included twice', async () => {
    vi.resetModules()
    await import('../../src/global')
    const first = window.sayso
    vi.resetModules()
    await import('../../src/global')
    expect(window.sayso).toBe(first)
  })
})

describe('the command function', () => {
  it('offers every command as a method too', () => {
    const sayso = createCommand()
    const { transport } = fakeTransport()
    sayso.init({ transport, surveys: [{ id: 'a', type: 'nps', trigger: 'manual' }] })
    expect(sayso.show('a')).toBe(true)
    expect(widgetRoot()).not.toBeNull()
    sayso.destroy()
    expect(widgetRoot()).toBeNull()
  })

  it('holds commands given before init until init', () => {
    const sayso = createCommand()
    const { transport } = fakeTransport()
    sayso('show', 'a')
    expect(widgetRoot()).toBeNull()
    sayso('init', { transport, surveys: [{ id: 'a', type: 'nps', trigger: 'manual' }] })
    expect(title()).toMatch(/^How likely/)
    sayso('destroy')
  })

  it('replaces the instance on a second init and keeps the handlers', () => {
    const sayso = createCommand()
    const { transport } = fakeTransport()
    const shown: string[] = []
    sayso('on', 'show', (event: { surveyId: string }) => shown.push(event.surveyId))
    sayso('init', { transport, surveys: [{ id: 'a', type: 'nps', trigger: 'manual' }] })
    sayso('show', 'a')
    sayso('init', { transport, surveys: [{ id: 'b', type: 'ces', trigger: 'manual' }] })
    expect(widgetRoot()).toBeNull()
    sayso('show', 'b', { force: true })
    expect(shown).toEqual(['a', 'b'])
    sayso('destroy')
  })

  it('stops a handler when its unsubscribe is called', () => {
    const sayso = createCommand()
    const { transport } = fakeTransport()
    const handler = vi.fn()
    const off = sayso('on', 'show', handler) as () => void
    sayso('init', { transport, surveys: [{ id: 'a', type: 'nps', trigger: 'manual' }] })
    off()
    sayso('show', 'a')
    expect(handler).not.toHaveBeenCalled()
    sayso('destroy')
  })

  it('warns of an unknown command and does not throw', () => {
    const sayso = createCommand()
    expect(() => sayso('explode')).not.toThrow()
    expect(warn).toHaveBeenCalledWith('[sayso] unknown command "explode"')
  })

  it('resolves flush before init', async () => {
    await expect(createCommand()('flush')).resolves.toBeUndefined()
  })
})
