import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Sayso, SaysoConfig, Survey, SurveyRecord } from '../../src/types'
import { button, radio, useCleanPage, widgetRoot, startSayso } from './helpers'

// Each time a survey shows, a display (a record without a score) goes to the endpoint through
// the outbox, under the id its answer will have; docs/wire.md and docs/results.md.

let sayso: Sayso | undefined
const start = (surveys: Survey[], config: Partial<SaysoConfig> = {}) => {
  const started = startSayso({ ...config, surveys })
  sayso = started.sayso
  return started.fake
}
const fields = (record: SurveyRecord) => ({ id: record.id, score: record.score, complete: record.complete, dismissed: 'dismissed' in record ? record.dismissed : undefined })

// happy-dom's own: the viewport that media queries read.
const viewport = (width: number) => (window as unknown as { happyDOM: { setViewport(size: { width: number; height: number }): void } }).happyDOM.setViewport({ width, height: 700 })

useCleanPage()
afterEach(() => {
  sayso?.destroy()
  sayso = undefined
  viewport(1024)
})

describe('a display', () => {
  it('is sent once the survey shows, then the answer under the same id', async () => {
    const fake = start([{ id: 'nps', type: 'nps', followUp: false }])
    await vi.advanceTimersByTimeAsync(1000)
    const [display] = fake.sent()
    expect(display).toMatchObject({ surveyId: 'nps', type: 'nps', complete: false, device: 'desktop', locale: 'en' })
    expect(display).not.toHaveProperty('score')
    radio('9')!.click()
    await vi.advanceTimersByTimeAsync(1000)
    expect(fake.sent().map(fields)).toEqual([
      { id: display.id, score: undefined, complete: false, dismissed: undefined },
      { id: display.id, score: 9, complete: true, dismissed: undefined }
    ])
    expect(fake.sent()[1]).toMatchObject({ createdAt: display.createdAt, device: 'desktop' })
  })

  it('is replaced in the outbox by the answer when the visitor answers before it went', async () => {
    const fake = start([{ id: 'nps', type: 'nps', followUp: false }])
    radio('10')!.click()
    await vi.advanceTimersByTimeAsync(1000)
    expect(fake.sent().map(fields)).toEqual([{ id: expect.any(String), score: 10, complete: true, dismissed: undefined }])
  })

  it('says dismissed when the visitor closes the survey unanswered, and nothing more', async () => {
    const fake = start([{ id: 'nps', type: 'nps' }])
    await vi.advanceTimersByTimeAsync(1000)
    button('Close')!.click()
    await vi.advanceTimersByTimeAsync(1000)
    const [shown, closed] = fake.sent()
    expect(fake.sent().map(fields)).toEqual([
      { id: shown.id, score: undefined, complete: false, dismissed: undefined },
      { id: shown.id, score: undefined, complete: false, dismissed: true }
    ])
    expect(closed).not.toHaveProperty('score')
  })

  it('is not dismissed when the visitor closes the follow-up after a score', async () => {
    const fake = start([{ id: 'nps', type: 'nps' }])
    await vi.advanceTimersByTimeAsync(1000)
    radio('4')!.click()
    await vi.advanceTimersByTimeAsync(1000)
    button('Close')!.click()
    await vi.advanceTimersByTimeAsync(1000)
    expect(fake.sent().map(fields).slice(1)).toEqual([{ id: fake.sent()[0].id, score: 4, complete: false, dismissed: undefined }])
  })

  it('tells a phone by the width of its viewport', async () => {
    viewport(375)
    const fake = start([{ id: 'nps', type: 'nps', followUp: false }])
    radio('8')!.click()
    await vi.advanceTimersByTimeAsync(1000)
    expect(fake.sent()).toEqual([expect.objectContaining({ score: 8, device: 'mobile' })])
  })

  it('is not sent for a link that carries the score: its answer is there at once, under the link id', async () => {
    const fake = start([{ id: 'nps', type: 'nps', trigger: { event: 'never' } }])
    sayso!.show('nps', { force: true, score: 9, answerId: 'mail-7f3a' })
    await vi.advanceTimersByTimeAsync(1000)
    expect(widgetRoot()).not.toBeNull()
    expect(fake.sent().map(fields)).toEqual([{ id: 'mail-7f3a', score: 9, complete: false, dismissed: undefined }])
  })
})
