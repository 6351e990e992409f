import { describe, expect, it, vi } from 'vitest'
import { lazy } from '../../src/lazy'

describe('lazy', () => {
  it('loads a part once, and gives it at once after that', async () => {
    const load = vi.fn(async () => ({ name: 'ui' }))
    const part = lazy(load)
    const first = part()
    expect(first).toBeInstanceOf(Promise)
    expect(part()).toBe(first)
    const loaded = await first
    expect(part()).toBe(loaded)
    expect(load).toHaveBeenCalledTimes(1)
  })

  it('tries again on the next call after a failed load', async () => {
    const load = vi.fn().mockRejectedValueOnce(new Error('404')).mockResolvedValueOnce({ name: 'send' })
    const part = lazy(load)
    await expect(part()).rejects.toThrow('404')
    await expect(part()).resolves.toEqual({ name: 'send' })
    expect(load).toHaveBeenCalledTimes(2)
  })
})
