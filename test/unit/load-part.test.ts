import { afterEach, describe, expect, it, vi } from 'vitest'

// The parts come from sayso:parts; here a stand-in whose loads the test decides.
const importPart = vi.hoisted(() => vi.fn())
vi.mock('sayso:parts', () => ({ importPart }))

afterEach(() => importPart.mockReset())

// A fresh copy of loadPart, with nothing loaded yet (the test setup loaded the real parts).
const fresh = async () => {
  vi.resetModules()
  return (await import('../../src/load-part')).loadPart
}

describe('loadPart', () => {
  it('loads a part once, and gives it at once after that', async () => {
    const loadPart = await fresh()
    const ui = { createPresenter: () => {} }
    importPart.mockResolvedValue(ui)
    const first = loadPart('ui')
    expect(first).toBeInstanceOf(Promise)
    expect(loadPart('ui')).toBe(first)
    await first
    expect(loadPart('ui')).toBe(ui)
    expect(importPart).toHaveBeenCalledTimes(1)
  })

  it('tries again on the next call after a failed load', async () => {
    const loadPart = await fresh()
    const outbox = { openOutbox: () => {} }
    importPart.mockRejectedValueOnce(new Error('404')).mockResolvedValueOnce(outbox)
    await expect(loadPart('outbox')).rejects.toThrow('404')
    await expect(loadPart('outbox')).resolves.toBe(outbox)
    expect(importPart).toHaveBeenCalledTimes(2)
  })
})
