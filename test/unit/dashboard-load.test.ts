import { afterEach, describe, expect, it, vi } from 'vitest'
import { createLoad } from '../../collector/dashboard/create-load'
import { $view, setView } from '../../collector/dashboard/view'

// The dashboard's reads (collector/dashboard/create-load.ts): each read again when the part of
// the view it depends on changes, and an overtaken read never shown over a newer one.
const settle = () => new Promise((done) => setTimeout(done, 0))

afterEach(() => {
  setView('survey', '')
  setView('q', '')
})

describe("the dashboard's reads", () => {
  it('shows the newest read even when an older one answers after it', async () => {
    const replies = new Map<string, (value: string) => void>()
    const read = vi.fn((picked: { survey: string }) => new Promise<string>((answer) => replies.set(picked.survey, answer)))
    const $read = createLoad((view) => ({ survey: view.survey }), read)
    const unbind = $read.listen(() => {})
    setView('survey', 'slow')
    setView('survey', 'fast')
    replies.get('fast')!('fast results')
    await settle()
    replies.get('slow')!('slow results')
    await settle()
    expect($read.get()).toEqual({ state: 'ready', value: 'fast results' })
    unbind()
  })

  it('reads again only when the part of the view it depends on changes', async () => {
    const read = vi.fn(async (picked: { survey: string }) => picked.survey)
    const $read = createLoad((view) => ({ survey: view.survey }), read)
    await settle()
    const before = read.mock.calls.length
    setView('q', 'late')
    setView('survey', 'nps-main')
    await settle()
    expect(read.mock.calls.length - before).toBe(1)
    expect($read.get()).toEqual({ state: 'ready', value: 'nps-main' })
    expect($view.get().q).toBe('late')
  })
})
