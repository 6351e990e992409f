import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Sayso, SaysoConfig, Survey } from '../../src/types'
import { button, dialog, press, radio, radios, title, useCleanPage, widgetRoot, startSayso } from './helpers'

let sayso: Sayso | undefined
const start = (surveys: Survey[], config: Partial<SaysoConfig> = {}) => {
  const started = startSayso({ locale: 'en-GB', ...config, surveys })
  sayso = started.sayso
  return started.fake
}

useCleanPage()
afterEach(() => {
  sayso?.destroy()
  sayso = undefined
})

describe('a survey as a person sees it', () => {
  it('opens on page view as a non-modal dialog named by its question, in its language', () => {
    start([{ id: 'nps', type: 'nps' }], { brand: 'Acme' })
    const element = dialog()!
    expect(element.getAttribute('aria-modal')).toBe('false')
    expect(element.getAttribute('lang')).toBe('en')
    expect(element.getAttribute('dir')).toBe('ltr')
    expect(widgetRoot()!.getElementById(element.getAttribute('aria-labelledby')!)!.textContent).toBe(
      'How likely are you to recommend Acme to a friend or colleague?'
    )
  })

  it.each([
    ['nps', {}, 'How likely are you to recommend us to a friend or colleague?', 11, ['Not at all likely', 'Extremely likely']],
    ['csat', {}, 'How satisfied are you with your experience today?', 5, ['Very dissatisfied', 'Very satisfied']],
    ['csat', { subject: 'your delivery' }, 'How satisfied are you with your delivery?', 5, ['Very dissatisfied', 'Very satisfied']],
    ['ces', {}, 'It was easy for me to do what I came here to do.', 7, ['Strongly disagree', 'Strongly agree']],
    ['ces', { task: 'return an item' }, 'It was easy for me to return an item.', 7, ['Strongly disagree', 'Strongly agree']]
  ] as const)('%s %j asks its default question on its scale', (type, extra, question, count, ends) => {
    start([{ id: 's', type, ...extra }])
    expect(title()).toBe(question)
    expect(radios()).toHaveLength(count)
    expect(radios()[0].textContent).toBe(type === 'nps' ? '0' : '1')
    const group = widgetRoot()!.querySelector('[role=radiogroup]')!
    const labels = group.getAttribute('aria-describedby')!.split(' ').map((id) => widgetRoot()!.getElementById(id)!.textContent)
    expect(labels).toEqual(ends)
  })

  it('fills the brand into the CES statement', () => {
    start([{ id: 's', type: 'ces', task: 'check out' }], { brand: 'Acme' })
    expect(title()).toBe('Acme made it easy for me to check out.')
  })

  it('picks the visitor locale from a per-locale text', async () => {
    start([{ id: 's', type: 'nps', question: { en: 'Recommend us?', pl: 'Polecisz nas?' } }], { locale: 'pl-PL' })
    await vi.waitFor(() => expect(title()).toBe('Polecisz nas?'))
    expect(dialog()!.getAttribute('lang')).toBe('pl')
  })

  it.each(['star', 'emoji'] as const)('names each %s by its number and meaning', (scale) => {
    start([{ id: 's', type: 'csat', scale }])
    expect(radios().map((r) => r.getAttribute('aria-label'))).toEqual([
      '1, Very dissatisfied',
      '2, Dissatisfied',
      '3, Neutral',
      '4, Satisfied',
      '5, Very satisfied'
    ])
  })

  it('queues the score the moment it is chosen, then asks the follow-up for its segment', async () => {
    const fake = start([{ id: 'nps', type: 'nps' }])
    const answers: unknown[] = []
    sayso!.on('answer', (answer) => answers.push(answer))
    radio('3')!.click()
    expect(answers).toEqual([expect.objectContaining({ surveyId: 'nps', type: 'nps', score: 3, complete: false })])
    expect(title()).toBe('We are sorry to hear that. What could we do better?')
    await vi.advanceTimersByTimeAsync(400)
    expect(fake.sent()).toEqual([expect.objectContaining({ score: 3, complete: false, sdk: 'sayso@0.1.0' })])
  })

  it.each([
    ['nps', '8', 'What would make it a 10 for you?'],
    ['nps', '10', 'Great to hear! What do you like most?'],
    ['csat', '3', 'What could we have done better?'],
    ['csat', '4', 'What did you like most?'],
    ['ces', '4', 'What could we have done better?'],
    ['ces', '5', 'What did you like most?']
  ] as const)('%s score %s asks "%s"', (type, score, question) => {
    start([{ id: 's', type }])
    radio(score)!.click()
    expect(title()).toBe(question)
  })

  it('uses the follow-up texts a survey gives, by segment first', () => {
    start([{ id: 's', type: 'nps', followUp: { question: 'Why?', promoter: 'What do you love?' } }])
    radio('10')!.click()
    expect(title()).toBe('What do you love?')
    sayso!.destroy()
    localStorage.clear() // forgets that this visitor has answered
    start([{ id: 's', type: 'nps', followUp: { question: 'Why?', promoter: 'What do you love?' } }])
    radio('2')!.click()
    expect(title()).toBe('Why?')
  })

  it('sends the comment as the same answer, complete, then thanks and closes itself', async () => {
    const fake = start([{ id: 'nps', type: 'nps', thankYou: { message: 'Cheers!', closeAfterMs: 2000 } }])
    const submitted: unknown[] = []
    sayso!.on('submit', (answer) => submitted.push(answer))
    radio('9')!.click()
    await vi.advanceTimersByTimeAsync(400)
    widgetRoot()!.querySelector('textarea')!.value = '  Fast delivery  '
    button('Send')!.click()
    expect(title()).toBe('Cheers!')
    await vi.advanceTimersByTimeAsync(400)
    const [first, second] = fake.sent()
    expect(second).toEqual({ ...first, comment: 'Fast delivery', complete: true })
    expect(submitted).toEqual([second])
    await vi.advanceTimersByTimeAsync(2000)
    expect(widgetRoot()).toBeNull()
  })

  it('finishes without a comment on Skip', async () => {
    const fake = start([{ id: 'csat', type: 'csat' }])
    radio('5')!.click()
    button('Skip')!.click()
    await vi.advanceTimersByTimeAsync(400)
    expect(fake.sent().at(-1)).toEqual(expect.objectContaining({ score: 5, complete: true }))
    expect(fake.sent().at(-1)).not.toHaveProperty('comment')
    expect(title()).toBe('Thank you for your feedback!')
  })

  it('goes straight to the thank-you when the survey has no follow-up', async () => {
    const fake = start([{ id: 'ces', type: 'ces', followUp: false }])
    const events: string[] = []
    sayso!.on('answer', () => events.push('answer'))
    sayso!.on('submit', () => events.push('submit'))
    radio('6')!.click()
    expect(events).toEqual(['answer', 'submit'])
    expect(title()).toBe('Thank you for your feedback!')
    await vi.advanceTimersByTimeAsync(400)
    expect(fake.sent()).toEqual([expect.objectContaining({ score: 6, complete: true })])
  })

  it('closes unanswered on Close: a dismissal, and no answer sent (the display, dismissed)', async () => {
    const fake = start([{ id: 'nps', type: 'nps' }])
    const dismissed: unknown[] = []
    sayso!.on('dismiss', (event) => dismissed.push(event))
    button('Close')!.click()
    expect(widgetRoot()).toBeNull()
    expect(dismissed).toEqual([{ surveyId: 'nps', answered: false }])
    await vi.advanceTimersByTimeAsync(1000)
    expect(fake.sent()).toEqual([expect.objectContaining({ surveyId: 'nps', dismissed: true, complete: false })])
    expect(fake.sent()[0]).not.toHaveProperty('score')
  })

  it('keeps the score when closed during the follow-up', async () => {
    const fake = start([{ id: 'nps', type: 'nps' }])
    const dismissed: unknown[] = []
    sayso!.on('dismiss', (event) => dismissed.push(event))
    radio('7')!.click()
    press(widgetRoot()!.querySelector('textarea')!, 'Escape')
    expect(widgetRoot()).toBeNull()
    expect(dismissed).toEqual([{ surveyId: 'nps', answered: true }])
    await vi.advanceTimersByTimeAsync(400)
    expect(fake.sent()).toEqual([expect.objectContaining({ score: 7, complete: false })])
  })

  it('moves and marks with the arrows, wrapping, and with Home and End', () => {
    start([{ id: 'csat', type: 'csat' }])
    const group = widgetRoot()!.querySelector('[role=radiogroup]')!
    const checked = () => radios().findIndex((r) => r.getAttribute('aria-checked') === 'true')
    const tabStop = () => radios().findIndex((r) => r.tabIndex === 0)
    expect([checked(), tabStop()]).toEqual([-1, 0])
    press(group, 'ArrowRight')
    expect([checked(), tabStop()]).toEqual([1, 1])
    expect(widgetRoot()!.activeElement).toBe(radios()[1])
    press(group, 'End')
    press(group, 'ArrowRight')
    expect(checked()).toBe(0)
    press(group, 'ArrowLeft')
    expect(checked()).toBe(4)
    press(group, 'Home')
    press(group, 'ArrowDown')
    expect(checked()).toBe(1)
    expect(widgetRoot()!.querySelector('[role=dialog]')).not.toBeNull()
  })

  it('does not take focus when it opens on its own, and announces itself', () => {
    const input = document.createElement('input')
    document.body.append(input)
    input.focus()
    start([{ id: 'nps', type: 'nps' }])
    expect(document.activeElement).toBe(input)
    vi.advanceTimersByTime(200)
    expect(widgetRoot()!.querySelector('[role=status]')!.textContent).toBe(
      'Feedback survey: How likely are you to recommend us to a friend or colleague?'
    )
    expect(document.activeElement).toBe(input)
  })

  it('takes focus when the visitor opens it, and gives it back on Escape', () => {
    const opener = document.createElement('button')
    document.body.append(opener)
    opener.focus()
    start([{ id: 'nps', type: 'nps', trigger: 'manual' }])
    expect(widgetRoot()).toBeNull()
    // happy-dom does not set window.event while a listener runs, as browsers do.
    opener.addEventListener('click', (event) => {
      Object.defineProperty(window, 'event', { value: event, configurable: true })
      expect(sayso!.show('nps')).toBe(true)
      Reflect.deleteProperty(window, 'event')
    })
    opener.click()
    expect(widgetRoot()!.activeElement).toBe(radios()[0])
    press(radios()[0], 'Escape')
    expect(widgetRoot()).toBeNull()
    expect(document.activeElement).toBe(opener)
  })

  it('renders text as text, never as HTML', () => {
    start([{ id: 's', type: 'nps', question: '<img src=x onerror=alert(1)>Hi' }])
    expect(title()).toBe('<img src=x onerror=alert(1)>Hi')
    expect(widgetRoot()!.querySelector('img')).toBeNull()
  })

  it('styles the shadow root with a constructed stylesheet and the theme on the host', () => {
    start([{ id: 's', type: 'nps' }], { theme: { position: 'bottom-left', colorScheme: 'dark', '--sayso-accent': '#0a66c2' } })
    expect(widgetRoot()!.adoptedStyleSheets).toHaveLength(1)
    expect(widgetRoot()!.querySelector('style')).toBeNull()
    const host = document.querySelector<HTMLElement>('sayso-widget')!
    expect(host.style.getPropertyValue('--sayso-accent')).toBe('#0a66c2')
    const container = widgetRoot()!.querySelector<HTMLElement>('.sayso')!
    expect([container.dataset.position, container.dataset.scheme]).toEqual(['bottom-left', 'dark'])
  })
})

describe('a score chosen before the survey opens (a link in an e-mail)', () => {
  it('records it at once with the given id and opens at the follow-up', async () => {
    const fake = start([{ id: 'nps', type: 'nps', trigger: 'manual' }])
    const answers: unknown[] = []
    sayso!.on('answer', (answer) => answers.push(answer))
    expect(sayso!.show('nps', { force: true, score: 3, answerId: 'link-abc' })).toBe(true)
    expect(answers).toEqual([expect.objectContaining({ id: 'link-abc', score: 3, complete: false })])
    expect(title()).toBe('We are sorry to hear that. What could we do better?')
    await vi.advanceTimersByTimeAsync(400)
    widgetRoot()!.querySelector('textarea')!.value = 'Slow'
    button('Send')!.click()
    await vi.advanceTimersByTimeAsync(400)
    expect(fake.sent().map((a) => [a.id, a.score, a.comment, a.complete])).toEqual([
      ['link-abc', 3, undefined, false],
      ['link-abc', 3, 'Slow', true]
    ])
  })

  it.each([
    [{ score: 11 }, 'show: expected a score within the survey\'s scale and an answer id of 1–64 letters, digits, - or _, got 11 and nothing'],
    [{ score: 2.5 }, 'show: expected a score within the survey\'s scale and an answer id of 1–64 letters, digits, - or _, got 2.5 and nothing'],
    [{ score: 5, answerId: 'a b' }, 'show: expected a score within the survey\'s scale and an answer id of 1–64 letters, digits, - or _, got 5 and "a b"']
  ])('refuses %j with a clear error, and the next survey still shows', (options, message) => {
    start([{ id: 'nps', type: 'nps', trigger: 'manual' }])
    const errors: string[] = []
    sayso!.on('error', (error) => errors.push(error.message))
    sayso!.show('nps', { force: true, ...options })
    expect(errors).toEqual([message])
    expect(widgetRoot()).toBeNull()
    expect(sayso!.show('nps', { force: true })).toBe(true)
    expect(title()).toMatch(/^How likely/)
  })
})
