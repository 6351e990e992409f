import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { init } from '../../src/init'
import type { Sayso, SaysoError } from '../../src/types'
import { fakeTransport, title } from './helpers'

const URL_ = 'https://config.example/surveys.json'
let sayso: Sayso | undefined
let errors: SaysoError[]
const reply = (body: unknown, status = 200) =>
  vi.fn(async () => new Response(typeof body === 'string' ? body : JSON.stringify(body), { status }))

const start = async (inline: object[] = []) => {
  sayso = init({ transport: fakeTransport().transport, configUrl: URL_, surveys: inline as never })
  errors = []
  sayso.on('error', (error) => errors.push(error))
  await vi.advanceTimersByTimeAsync(10)
}

beforeEach(() => {
  localStorage.clear()
  vi.useFakeTimers({ now: Date.parse('2026-11-22T19:00:00Z') })
  vi.spyOn(console, 'warn').mockImplementation(() => {})
})
afterEach(() => {
  sayso?.destroy()
  vi.unstubAllGlobals()
  vi.useRealTimers()
  vi.restoreAllMocks()
  document.body.replaceChildren()
})

describe('surveys from configUrl', () => {
  it('runs the surveys of the file, checked like inline ones: the valid ones run, each problem is named', async () => {
    const fetch = reply({ surveys: [{ id: 'bad', type: 'nps', trigger: { delay: 'soon' } }, { id: 'remote-nps', type: 'nps' }] })
    vi.stubGlobal('fetch', fetch)
    await start()
    expect(fetch).toHaveBeenCalledWith(URL_, { credentials: 'omit' })
    expect(title()).toBe('How likely are you to recommend us to a friend or colleague?')
    expect(errors.map((error) => error.message)).toEqual([
      'configUrl.surveys[0].trigger.delay: expected a number ≥ 0, got "soon"',
      'configUrl.surveys[0]: survey left out for the problems above'
    ])
  })

  it('adds them to the inline surveys, an id taken inline being a problem', async () => {
    vi.stubGlobal('fetch', reply({ surveys: [{ id: 'same', type: 'csat' }, { id: 'other', type: 'ces', trigger: 'manual' }] }))
    await start([{ id: 'same', type: 'nps', trigger: 'manual' }])
    expect(errors.map((error) => error.message)).toEqual(['configUrl.surveys[0].id: expected an id no other survey has, got "same"; survey left out'])
    expect(sayso!.show('other', { force: true })).toBe(true)
  })

  it('uses its copy while it is fresh, and fetches again once it is not', async () => {
    const fetch = reply({ surveys: [{ id: 'm', type: 'nps', trigger: 'manual' }] })
    vi.stubGlobal('fetch', fetch)
    await start()
    sayso!.destroy()
    vi.setSystemTime(Date.now() + 4 * 60_000)
    await start()
    expect(fetch).toHaveBeenCalledTimes(1)
    expect(sayso!.show('m', { force: true })).toBe(true)
    sayso!.destroy()
    vi.setSystemTime(Date.now() + 2 * 60_000)
    await start()
    expect(fetch).toHaveBeenCalledTimes(2)
  })

  it.each([
    ['the network fails', vi.fn(async () => Promise.reject(new TypeError('offline'))), 'could not be fetched'],
    ['the server answers 500', reply('oops', 500), 'answered HTTP 500'],
    ['the file is not JSON', reply('<html>'), 'is not JSON'],
    ['the file has no surveys', reply({ survey: [] }), 'has no "surveys" list']
  ])('uses the last good copy, however old, when %s', async (_, failing, why) => {
    vi.stubGlobal('fetch', reply({ surveys: [{ id: 'kept', type: 'nps', trigger: 'manual' }] }))
    await start()
    sayso!.destroy()
    vi.setSystemTime(Date.now() + 30 * 24 * 60 * 60_000)
    vi.stubGlobal('fetch', failing)
    await start()
    expect(errors.map((error) => error.message)).toEqual([`configUrl: ${URL_} ${why}; using the copy of 2026-11-22T19:00:00.000Z`])
    expect(sayso!.show('kept', { force: true })).toBe(true)
  })

  it('still runs the inline surveys when there is no copy at all', async () => {
    vi.stubGlobal('fetch', reply('nope', 404))
    await start([{ id: 'inline', type: 'ces' }])
    expect(errors.map((error) => error.message)).toEqual([`configUrl: ${URL_} answered HTTP 404; no copy to fall back on`])
    expect(title()).toBe('It was easy for me to do what I came here to do.')
  })

  it('keeps events tracked while the file is on its way', async () => {
    let answer!: (response: Response) => void
    vi.stubGlobal('fetch', vi.fn(() => new Promise<Response>((resolve) => (answer = resolve))))
    sayso = init({ transport: fakeTransport().transport, configUrl: URL_ })
    sayso.track('purchase')
    await vi.advanceTimersByTimeAsync(10)
    answer(new Response(JSON.stringify({ surveys: [{ id: 'p', type: 'csat', trigger: { event: 'purchase' } }] })))
    await vi.advanceTimersByTimeAsync(10)
    expect(title()).toBe('How satisfied are you with your experience today?')
  })
})
