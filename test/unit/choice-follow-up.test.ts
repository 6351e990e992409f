import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Answer, Sayso, SaysoConfig, Survey } from '../../src/types'
import { button, fakeTransport, press, radio, title, useCleanPage, widgetRoot, startSayso } from './helpers'

let sayso: Sayso | undefined
const start = (surveys: Survey[], config: Partial<SaysoConfig> = {}) => {
  const started = startSayso({ ...config, surveys })
  sayso = started.sayso
  return started.fake
}
const options = () => [...(widgetRoot()?.querySelectorAll<HTMLButtonElement>('.choice') ?? [])]
const option = (label: string) => options().find((one) => one.textContent === label)!
const picked = () => options().filter((one) => one.getAttribute('aria-checked') === 'true').map((one) => one.textContent)
const group = () => widgetRoot()!.querySelector<HTMLElement>('.choices')!
const focused = () => widgetRoot()!.activeElement?.textContent
const lastSent = async (fake: ReturnType<typeof fakeTransport>) => {
  await vi.advanceTimersByTimeAsync(400)
  return fake.sent().at(-1) as Answer
}

useCleanPage()
afterEach(() => {
  sayso?.destroy()
  sayso = undefined
})

const reasons = ['Price', { value: 'delivery', label: { en: 'Delivery', pl: 'Dostawa' } }, 'Quality']

describe('a choice follow-up', () => {
  it('asks the follow-up question as a radiogroup of the choices named by it, with Skip and Send and no text box', () => {
    start([{ id: 'nps', type: 'nps', followUp: { choices: reasons } }])
    radio('3')!.click()
    expect(title()).toBe('We are sorry to hear that. What could we do better?')
    expect(group().getAttribute('role')).toBe('radiogroup')
    expect(group().getAttribute('aria-labelledby')).toBe('sayso-title')
    expect(options().map((one) => [one.getAttribute('role'), one.textContent])).toEqual([
      ['radio', 'Price'],
      ['radio', 'Delivery'],
      ['radio', 'Quality']
    ])
    expect(widgetRoot()!.querySelector('textarea')).toBeNull()
    expect([button('Skip'), button('Send')].every(Boolean)).toBe(true)
  })

  it('sends the value picked as the answer’s reasons, complete, under the same id', async () => {
    const fake = start([{ id: 'nps', type: 'nps', followUp: { choices: reasons } }])
    const given: Answer[] = []
    sayso!.on('answer', (answer) => given.push(answer))
    sayso!.on('submit', (answer) => given.push(answer))
    radio('4')!.click()
    option('Price').click()
    option('Delivery').click()
    expect(picked()).toEqual(['Delivery'])
    button('Send')!.click()
    expect(title()).toBe('Thank you for your feedback!')
    const [first, second] = given
    expect(second).toEqual({ ...first, reasons: ['delivery'], complete: true })
    expect(await lastSent(fake)).toEqual(second)
  })

  it('sends the same values whatever language the labels are read in', async () => {
    const fake = start([{ id: 'nps', type: 'nps', followUp: { choices: reasons } }], { locale: 'pl' })
    await vi.waitFor(() => expect(radio('2')).toBeDefined())
    radio('2')!.click()
    expect(options().map((one) => one.textContent)).toEqual(['Price', 'Dostawa', 'Quality'])
    option('Dostawa').click()
    button('Wyślij')!.click()
    expect((await lastSent(fake)).reasons).toEqual(['delivery'])
  })

  it('lets several be picked and unpicked as checkboxes in a group, described by its hint, and sends them in the survey’s order', async () => {
    const fake = start([{ id: 'csat', type: 'csat', followUp: { choices: reasons, multiple: true } }])
    radio('2')!.click()
    expect(group().getAttribute('role')).toBe('group')
    expect(options().every((one) => one.getAttribute('role') === 'checkbox')).toBe(true)
    expect(widgetRoot()!.getElementById(group().getAttribute('aria-describedby')!)!.textContent).toBe('Choose all that apply.')
    option('Quality').click()
    option('Price').click()
    option('Delivery').click()
    option('Delivery').click()
    expect(picked()).toEqual(['Price', 'Quality'])
    button('Send')!.click()
    expect((await lastSent(fake)).reasons).toEqual(['Price', 'Quality'])
  })

  it('keeps the text box after the choices with comment: true, labelled of its own', async () => {
    const fake = start([{ id: 'ces', type: 'ces', followUp: { choices: reasons, comment: true } }])
    radio('2')!.click()
    const comment = widgetRoot()!.querySelector('textarea')!
    expect(widgetRoot()!.querySelector(`label[for="${comment.id}"]`)!.textContent).toBe('Anything else you would like to tell us?')
    option('Quality').click()
    comment.value = ' Too many steps '
    button('Send')!.click()
    expect(await lastSent(fake)).toMatchObject({ reasons: ['Quality'], comment: 'Too many steps', complete: true })
  })

  it('takes the choices of the score’s segment, and asks in the text box where a segment has none', () => {
    const survey: Survey = { id: 'nps', type: 'nps', followUp: { choices: { detractor: ['Price', 'Support'], promoter: ['Quality'] } } }
    start([survey])
    radio('10')!.click()
    expect(options().map((one) => one.textContent)).toEqual(['Quality'])
    sayso!.destroy()
    localStorage.clear()
    start([survey])
    radio('8')!.click()
    expect(options()).toEqual([])
    expect(widgetRoot()!.querySelector('textarea')!.getAttribute('aria-labelledby')).toBe('sayso-title')
  })

  it('finishes without reasons on Skip, and on Send with nothing picked', async () => {
    const fake = start([{ id: 'nps', type: 'nps', followUp: { choices: reasons, multiple: true } }])
    radio('9')!.click()
    button('Send')!.click()
    const sent = await lastSent(fake)
    expect(sent).toMatchObject({ score: 9, complete: true })
    expect(sent).not.toHaveProperty('reasons')
    expect(sent).not.toHaveProperty('comment')
  })

  it('is answered with the keyboard as the scale is: arrows move (and pick a radio), Enter sends', async () => {
    const fake = start([{ id: 'nps', type: 'nps', followUp: { choices: reasons } }])
    radio('0')!.focus()
    press(radio('0')!, 'Enter')
    radio('0')!.click() // the button's own activation, which happy-dom does not do for Enter
    expect(focused()).toBe('Price')
    expect(options().map((one) => one.tabIndex)).toEqual([0, -1, -1])
    press(group(), 'ArrowRight')
    expect([focused(), picked()]).toEqual(['Delivery', ['Delivery']])
    press(group(), 'ArrowLeft')
    press(group(), 'ArrowLeft')
    expect([focused(), picked()]).toEqual(['Quality', ['Quality']])
    press(group(), 'Home')
    expect(picked()).toEqual(['Price'])
    press(group(), 'Enter')
    expect((await lastSent(fake)).reasons).toEqual(['Price'])
  })

  it('picks a radio’s tab stop on Enter when none is picked yet', async () => {
    const fake = start([{ id: 'nps', type: 'nps', followUp: { choices: reasons } }])
    radio('1')!.click()
    press(group(), 'Enter')
    expect((await lastSent(fake)).reasons).toEqual(['Price'])
  })

  it('moves among checkboxes with the arrows without picking, Space picks, Enter sends', async () => {
    const fake = start([{ id: 'nps', type: 'nps', followUp: { choices: reasons, multiple: true } }])
    radio('6')!.click()
    press(group(), 'End')
    expect([focused(), picked()]).toEqual(['Quality', []])
    option('Quality').click() // Space: the button's own activation
    press(group(), 'ArrowRight')
    expect(focused()).toBe('Price')
    option('Price').click()
    const enter = new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true })
    group().dispatchEvent(enter)
    expect(enter.defaultPrevented).toBe(true) // so that Enter does not also toggle the checkbox
    expect((await lastSent(fake)).reasons).toEqual(['Price', 'Quality'])
  })

  it.each(['ar', 'he'])('is mirrored in %s: Left moves forward', async (locale) => {
    start([{ id: 'csat', type: 'csat', followUp: { choices: reasons } }], { locale })
    await vi.waitFor(() => expect(widgetRoot()?.querySelector('[dir=rtl]')).toBeTruthy())
    widgetRoot()!.querySelectorAll<HTMLButtonElement>('[role=radio]')[0].click()
    press(group(), 'ArrowLeft')
    expect(picked()).toEqual(['Delivery'])
    press(group(), 'ArrowRight')
    expect(picked()).toEqual(['Price'])
  })

  it('keeps the reasons of an answer the endpoint did not take, and sends them on the next page load', async () => {
    const down = fakeTransport(async () => ({ ok: false, retry: true }))
    start([{ id: 'nps', type: 'nps', followUp: { choices: reasons, multiple: true } }], { transport: down.transport })
    radio('9')!.click()
    option('Quality').click()
    option('Price').click()
    button('Send')!.click()
    await vi.advanceTimersByTimeAsync(400)
    expect(down.sent().at(-1)).toMatchObject({ reasons: ['Price', 'Quality'] }) // tried, and refused for now
    sayso!.destroy()
    const fake = start([])
    sayso!.flush()
    await vi.advanceTimersByTimeAsync(5000)
    expect(fake.sent().find((answer) => answer.complete)).toMatchObject({ score: 9, reasons: ['Price', 'Quality'] })
  })

  it('renders labels as text, never as HTML', () => {
    start([{ id: 'nps', type: 'nps', followUp: { choices: ['<img src=x onerror=alert(1)>'] } }])
    radio('5')!.click()
    expect(options()[0].textContent).toBe('<img src=x onerror=alert(1)>')
    expect(widgetRoot()!.querySelector('img')).toBeNull()
  })
})
