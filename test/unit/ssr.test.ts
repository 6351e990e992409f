// @vitest-environment node
import { describe, expect, it } from 'vitest'

describe('importing sayso on a server', () => {
  it('touches neither window nor document', async () => {
    expect(typeof window).toBe('undefined')
    const sayso = await import('../../src/index')
    expect(typeof sayso.init).toBe('function')
    expect(typeof sayso.fetchTransport).toBe('function')
  })
})
