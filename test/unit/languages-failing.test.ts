import { afterEach, expect, it, vi } from 'vitest'
import type { SaysoError } from '../../src/types'
import { fakeTransport, title } from './helpers'

vi.mock('sayso:languages', async (original) => ({
  ...(await original<typeof import('sayso:languages')>()),
  importLanguage: () => Promise.reject(new Error('404'))
}))

afterEach(() => {
  vi.restoreAllMocks()
  document.body.replaceChildren()
})

it('shows English and reports it when a language cannot be loaded', async () => {
  vi.spyOn(console, 'warn').mockImplementation(() => {})
  // The test setup loaded sayso before this file's mock: a fresh copy sees the mock.
  vi.resetModules()
  const { init } = await import('../../src/init')
  const sayso = init({ transport: fakeTransport().transport, locale: 'fi', surveys: [{ id: 'nps', type: 'nps' }] })
  const errors: SaysoError[] = []
  sayso.on('error', (error) => errors.push(error))
  await vi.waitFor(() => expect(title()).toBe('How likely are you to recommend us to a friend or colleague?'))
  expect(errors).toEqual([{ reason: 'ui', message: 'the texts for "fi" could not be loaded; showing English' }])
  sayso.destroy()
})
