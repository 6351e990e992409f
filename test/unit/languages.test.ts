import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { chooseLocale } from '../../src/ui/texts/pick-text'
import { negotiateLocale } from '../../src/ui/texts/negotiate-locale'
import { init } from '../../src/init'
import type { Sayso, SaysoConfig, Survey } from '../../src/types'
import { en, type Texts } from '../../src/ui/texts/en'
import { importLanguage, languages } from 'sayso:languages'
import { button, dialog, fakeTransport, press, radio, radios, title, widgetRoot } from './helpers'

const placeholders = (text: string | string[]) => [String(text).match(/\{\w+\}/g) ?? []].flat().sort()

describe('the built-in languages', () => {
  it('are the twelve the issue asks for', () => {
    expect([...languages].sort()).toEqual(['ar', 'de', 'el', 'en', 'es', 'fi', 'fr', 'he', 'ja', 'pl', 'pt', 'zh'])
  })

  it.each(languages.filter((language) => language !== 'en'))('%s has every text, with the same placeholders as English', async (language) => {
    const texts: Texts = (await importLanguage(language)).default
    expect(Object.keys(texts).sort()).toEqual(Object.keys(en).sort())
    for (const key of Object.keys(en) as (keyof Texts)[]) {
      expect(texts[key], key).not.toEqual(en[key])
      expect(placeholders(texts[key]), key).toEqual(placeholders(en[key]))
      if (Array.isArray(en[key])) expect(texts[key]).toHaveLength(5)
      else expect(String(texts[key]).trim(), key).not.toBe('')
    }
  })
})

describe('choosing a locale', () => {
  it.each([
    [['pl-PL', 'en'], ['en', 'pl'], 'pl'],
    [['en-GB', 'pl'], ['pl', 'en-US'], 'en-US'],
    [['fr-CA', 'en-US'], ['fr', 'en'], 'fr'],
    [['de'], ['en', 'pl'], undefined],
    [['pt-BR'], ['pt-BR', 'pt'], 'pt-BR'],
    [['zh-TW'], ['zh', 'en'], undefined],
    [['zh-CN'], ['zh', 'en'], 'zh'],
    [['EN-us'], ['en-US'], 'en-US']
  ])('%j among %j gives %s', (wanted, available, expected) => {
    expect(negotiateLocale(wanted, available)).toBe(expected)
  })

  it.each([
    ['a plain question takes a built-in language', 'Recommend us?', ['fi-FI'], 'fi'],
    ['a per-locale question takes one of its own', { de: 'Empfehlen?', pl: 'Polecisz?' }, ['pl-PL', 'de'], 'pl'],
    ['then the survey’s first locale', { de: 'Empfehlen?', fr: 'Recommander ?' }, ['ja'], 'de'],
    ['then English', undefined, ['tlh'], 'en']
  ])('%s', (_, question, wanted, expected) => {
    expect(chooseLocale(question, wanted, languages)).toBe(expected)
  })
})

describe('a survey in another language', () => {
  let sayso: Sayso | undefined
  const start = (surveys: Survey[], config: Partial<SaysoConfig>) => {
    sayso = init({ transport: fakeTransport().transport, ...config, surveys })
    vi.advanceTimersByTime(1)
  }
  beforeEach(() => {
    localStorage.clear()
    vi.useFakeTimers()
    vi.spyOn(console, 'warn').mockImplementation(() => {})
  })
  afterEach(() => {
    sayso?.destroy()
    vi.useRealTimers()
    vi.restoreAllMocks()
    document.body.replaceChildren()
  })

  it('speaks the visitor’s language, from navigator.languages', async () => {
    vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['de-AT', 'en'])
    start([{ id: 'nps', type: 'nps' }], { brand: 'Acme' })
    await vi.waitFor(() => expect(title()).toBe('Wie wahrscheinlich ist es, dass Sie Acme einem Freund oder Kollegen weiterempfehlen?'))
    expect(dialog()!.getAttribute('lang')).toBe('de')
    radio('10')!.click()
    expect(title()).toBe('Das freut uns! Was gefällt Ihnen am besten?')
    expect(button('Senden')).toBeDefined()
    expect(button('Überspringen')).toBeDefined()
    expect(button('Schließen')).toBeDefined()
  })

  it.each(['ar', 'he'])('reads %s right to left, with the arrows mirrored', async (locale) => {
    start([{ id: 'csat', type: 'csat' }], { locale })
    await vi.waitFor(() => expect(dialog()?.getAttribute('dir')).toBe('rtl'))
    expect(dialog()!.getAttribute('lang')).toBe(locale)
    const group = widgetRoot()!.querySelector('[role=radiogroup]')!
    press(group, 'ArrowLeft')
    expect(radios().findIndex((r) => r.getAttribute('aria-checked') === 'true')).toBe(1)
    press(group, 'ArrowRight')
    expect(radios().findIndex((r) => r.getAttribute('aria-checked') === 'true')).toBe(0)
  })

  it('names stars and faces in the language: number and meaning', async () => {
    start([{ id: 'csat', type: 'csat', scale: 'emoji' }], { locale: 'pl' })
    await vi.waitFor(() => expect(radios()).toHaveLength(5))
    expect(radios().map((r) => r.getAttribute('aria-label'))).toEqual(['1, Bardzo niski', '2, Niski', '3, Średni', '4, Wysoki', '5, Bardzo wysoki'])
  })
})
