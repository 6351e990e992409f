import { describe, expect, it } from 'vitest'
import { parseConfig } from '../../src/config/parse-config'
import { checkAll } from './check-all'

// The core checks when it starts; how a survey looks, and the theme, are checked by the drawing
// part when a survey is about to show. `checkAll` runs both, as a page that shows every survey would.
const base = { endpoint: '/api/answers' }
const messagesOf = (input: unknown) => checkAll(input).problems.map((problem) => problem.message)

describe('checking a configuration', () => {
  it('applies every default to a valid configuration', () => {
    const { config, problems } = checkAll({ ...base, surveys: [{ id: 'nps-main', type: 'nps' }] })
    expect(problems).toEqual([])
    expect(config.surveys[0]).toEqual({
      id: 'nps-main',
      type: 'nps',
      at: ['surveys', 0],
      scale: 'number',
      followUp: true,
      thankYou: {},
      sample: 1,
      frequency: { answeredDays: 90, dismissedDays: 14 }
    })
    expect(config.frequency).toEqual({ cooldownDays: 1 })
    expect(config.theme).toEqual({})
    expect(config.user).toEqual({})
  })

  it('accepts the full shape of docs/configuration.md', () => {
    const { config, problems } = checkAll({
      ...base,
      locale: 'pl',
      brand: 'Acme',
      theme: { position: 'bottom-left', colorScheme: 'auto', '--sayso-accent': '#0a66c2' },
      user: { id: 'u_42', attributes: { plan: 'pro', seats: 3, trial: false, coupon: null } },
      frequency: { cooldownDays: 3 },
      surveys: [
        {
          id: 'csat',
          type: 'csat',
          scale: 'emoji',
          subject: { en: 'our help', pl: 'naszej pomocy' },
          labels: { low: 'Bad', high: 'Good' },
          followUp: { low: 'What went wrong?', high: { en: 'What went well?' }, placeholder: '…' },
          thankYou: { message: 'Thanks!', closeAfterMs: 1000 },
          trigger: { event: 'chat_closed', props: { rating: { gte: 3 }, agent: { in: ['a', 'b'] } }, url: ['/help/*'], delay: 500, scroll: 50, exitIntent: false, click: '#help' },
          audience: { attributes: { plan: 'pro', seats: { gt: 1 }, coupon: { exists: false } }, device: 'desktop', locale: ['pl', 'en'] },
          sample: 0.25,
          frequency: { answeredDays: 30, dismissedDays: 7 }
        },
        { id: 'manual', type: 'ces', trigger: 'manual', followUp: false },
        {
          id: 'reasons',
          type: 'nps',
          inline: '#was-this-helpful',
          followUp: {
            choices: { detractor: ['Price', { value: 'delivery', label: { en: 'Delivery', pl: 'Dostawa' } }], promoter: ['Quality'] },
            multiple: true,
            comment: true
          },
          thankYou: { action: { label: 'Tell us more', url: 'https://acme.example/feedback', promoter: { label: 'Leave a review', url: 'http://g.page/r/acme/review' } } }
        }
      ]
    })
    expect(problems).toEqual([])
    expect(config.surveys.map((s) => s.id)).toEqual(['csat', 'manual', 'reasons'])
    expect(config.surveys[1].trigger).toEqual({ manual: true })
  })

  it('names the path, what was expected and what was given', () => {
    expect(
      messagesOf({ ...base, surveys: [{ id: 'a', type: 'nps' }, { id: 'b', type: 'nps', trigger: { delay: 'soon' } }] })
    ).toEqual(['surveys[1].trigger.delay: expected a number ≥ 0, got "soon"', 'surveys[1]: survey left out for the problems above'])
  })

  it.each([
    [{ id: 'x', type: 'poll' }, `surveys[0].type: expected 'nps' or 'csat' or 'ces', got "poll"`],
    [{ type: 'nps' }, 'surveys[0].id: expected a non-empty string, got nothing'],
    [{ id: '', type: 'nps' }, 'surveys[0].id: expected a non-empty string, got ""'],
    [{ id: 'x', type: 'csat', scale: 'hearts' }, `surveys[0].scale: expected 'number' or 'star' or 'emoji', got "hearts"`],
    [{ id: 'x', type: 'nps', sample: 2 }, 'surveys[0].sample: expected a number 0–1, got 2'],
    [{ id: 'x', type: 'nps', trigger: 'auto' }, `surveys[0].trigger: expected 'manual' or a trigger object, got "auto"`],
    [{ id: 'x', type: 'nps', trigger: { scroll: 150 } }, 'surveys[0].trigger.scroll: expected a percent 0–100, got 150'],
    [{ id: 'x', type: 'nps', trigger: { evnt: 'buy' } }, 'surveys[0].trigger.evnt: unknown option, left out'],
    [{ id: 'x', type: 'nps', question: 42 }, 'surveys[0].question: expected a text or { locale: text }, got 42'],
    [{ id: 'x', type: 'nps', followUp: 'yes' }, 'surveys[0].followUp: expected true, false or a follow-up object, got "yes"'],
    [{ id: 'x', type: 'nps', followUp: { qestion: 'Why?' } }, 'surveys[0].followUp.qestion: unknown option, left out'],
    [{ id: 'x', type: 'nps', followUp: { promoter: 9 } }, 'surveys[0].followUp.promoter: expected a text or { locale: text }, got 9'],
    [{ id: 'x', type: 'nps', question: { en: 'How?', pl: 7 } }, 'surveys[0].question.pl: expected a string, got 7'],
    [{ id: 'x', type: 'nps', trigger: { delay: Number.POSITIVE_INFINITY } }, 'surveys[0].trigger.delay: expected a number ≥ 0, got Infinity'],
    [{ id: 'x', type: 'nps', trigger: { props: { total: [1] } } }, 'surveys[0].trigger.props.total: expected a value or condition, got a list'],
    [{ id: 'x', type: 'nps', frequency: { answeredDays: -1 } }, 'surveys[0].frequency.answeredDays: expected a number of days ≥ 0, got -1'],
    [{ id: 'x', type: 'nps', audience: { device: 'tv' } }, `surveys[0].audience.device: expected 'mobile' or 'desktop', got "tv"`],
    [{ id: 'x', type: 'nps', labels: 'low' }, 'surveys[0].labels: expected an object, got "low"'],
    [{ id: 'x', type: 'nps', audience: { device: 'mobile', locales: ['pl'] } }, 'surveys[0].audience.locales: unknown option, left out'],
    [{ id: 'x', type: 'nps', toString: 'x' }, 'surveys[0].toString: unknown option, left out'],
    [{ id: 'x', type: 'nps', inline: 'div[' }, 'surveys[0].inline: expected a CSS selector, got "div["'],
    [{ id: 'x', type: 'nps', inline: 7 }, 'surveys[0].inline: expected a CSS selector, got 7'],
    [{ id: 'x', type: 'nps', followUp: { choices: 'Price' } }, 'surveys[0].followUp.choices: expected a list of 1–20 choices, or lists by segment, got "Price"'],
    [{ id: 'x', type: 'nps', followUp: { choices: [] } }, 'surveys[0].followUp.choices: expected a list of 1–20 choices, got a list'],
    [{ id: 'x', type: 'nps', followUp: { choices: Array.from({ length: 21 }, (_, i) => `r${i}`) } }, 'surveys[0].followUp.choices: expected a list of 1–20 choices, got a list'],
    [{ id: 'x', type: 'nps', followUp: { choices: ['a'.repeat(101)] } }, `surveys[0].followUp.choices[0]: expected a string of 1–100 characters, got "${'a'.repeat(40)}…"`],
    [{ id: 'x', type: 'nps', followUp: { choices: ['Price', 7] } }, 'surveys[0].followUp.choices[1]: expected a choice: a string, or { value, label }, got 7'],
    [{ id: 'x', type: 'nps', followUp: { choices: [{ value: 'price' }] } }, 'surveys[0].followUp.choices[0].label: expected a text or { locale: text }, got nothing'],
    [{ id: 'x', type: 'nps', followUp: { choices: { promter: ['Price'] } } }, 'surveys[0].followUp.choices.promter: unknown option, left out'],
    [{ id: 'x', type: 'nps', followUp: { choices: ['Price'], multiple: 'yes' } }, 'surveys[0].followUp.multiple: expected true or false, got "yes"'],
    [{ id: 'x', type: 'nps', thankYou: { action: { label: 'Review', url: 'javascript:alert(1)' } } }, 'surveys[0].thankYou.action.url: expected an http(s) URL, got "javascript:alert(1)"'],
    [{ id: 'x', type: 'nps', thankYou: { action: { label: 'Help', url: '/help' } } }, 'surveys[0].thankYou.action.url: expected an http(s) URL, got "/help"'],
    [{ id: 'x', type: 'nps', thankYou: { action: { label: 'Review' } } }, 'surveys[0].thankYou.action.url: expected an http(s) URL, got nothing'],
    [{ id: 'x', type: 'nps', thankYou: { action: { url: 'https://acme.example/' } } }, 'surveys[0].thankYou.action.label: expected a text or { locale: text }, got nothing'],
    [{ id: 'x', type: 'nps', thankYou: { action: { promoter: { label: 'Review', url: 'data:text/html,hi' } } } }, 'surveys[0].thankYou.action.promoter.url: expected an http(s) URL, got "data:text/html,hi"'],
    [{ id: 'x', type: 'nps', thankYou: { action: 'https://acme.example/' } }, 'surveys[0].thankYou.action: expected a link { label, url }, or links by segment, got "https://acme.example/"'],
    ['nps', 'surveys[0]: expected a survey object, got "nps"']
  ])('reports %j', (survey, message) => {
    const { config, problems } = checkAll({ ...base, surveys: [survey, { id: 'ok', type: 'nps' }] })
    expect(problems.map((problem) => problem.message)).toEqual([message, 'surveys[0]: survey left out for the problems above'])
    expect(config.surveys.map((s) => s.id)).toEqual(['ok'])
  })

  it('reports every problem of one survey, each once', () => {
    expect(messagesOf({ ...base, surveys: [{ id: 3, type: 'x', sample: -1 }] })).toEqual([
      'surveys[0].id: expected a non-empty string, got 3',
      `surveys[0].type: expected 'nps' or 'csat' or 'ces', got "x"`,
      'surveys[0].sample: expected a number 0–1, got -1',
      'surveys[0]: survey left out for the problems above'
    ])
  })

  it('leaves out a wrong top-level option and keeps its default', () => {
    const { config, problems } = checkAll({ ...base, locale: 5, theme: { position: 'top' }, surveys: [{ id: 'a', type: 'nps' }] })
    expect(problems.map((p) => p.path)).toEqual(['locale', 'theme.position'])
    expect(config.locale).toBeUndefined()
    expect(config.theme).toEqual({})
    expect(config.surveys).toHaveLength(1)
  })

  it('gives each configuration defaults of its own', () => {
    const first = parseConfig({ ...base, surveys: [{ id: 'a', type: 'nps' }] }).config
    first.user.id = 'u_1'
    first.surveys[0].frequency.answeredDays = 1
    const second = parseConfig({ ...base, surveys: [{ id: 'a', type: 'nps' }] }).config
    expect(second.user).toEqual({})
    expect(second.surveys[0].frequency.answeredDays).toBe(90)
  })

  it('warns of an unknown top-level option', () => {
    expect(messagesOf({ ...base, endpont: '/x' })).toEqual(['endpont: unknown option, left out'])
  })

  it('needs an endpoint or a transport', () => {
    expect(messagesOf({ surveys: [] })).toEqual([
      'endpoint: expected a URL or a transport function, got nothing; nothing will show'
    ])
    expect(messagesOf({ transport: async () => ({ ok: true }) })).toEqual([])
    expect(messagesOf({ transport: 'fetch' })).toEqual([
      'transport: expected a function, got "fetch"',
      'endpoint: expected a URL or a transport function, got nothing; nothing will show'
    ])
  })

  it('leaves out a second survey with the same id', () => {
    const { config, problems } = parseConfig({ ...base, surveys: [{ id: 'a', type: 'nps' }, { id: 'a', type: 'csat' }] })
    expect(problems.map((p) => p.message)).toEqual([
      'surveys[1].id: expected an id no other survey has, got "a"; survey left out'
    ])
    expect(config.surveys.map((s) => s.type)).toEqual(['nps'])
  })

  it('takes an id once, even from a survey left out, and names the other problems of a second one first', () => {
    const { config, problems } = parseConfig({
      ...base,
      surveys: [{ id: 'a', type: 'poll' }, { id: 'a', type: 'nps', sample: 2 }, { id: 'b', type: 'nps' }]
    })
    expect(problems.map((p) => p.message)).toEqual([
      `surveys[0].type: expected 'nps' or 'csat' or 'ces', got "poll"`,
      'surveys[0]: survey left out for the problems above',
      'surveys[1].sample: expected a number 0–1, got 2',
      'surveys[1].id: expected an id no other survey has, got "a"; survey left out'
    ])
    expect(config.surveys.map((s) => s.id)).toEqual(['b'])
  })

  it('checks at start only when and to whom a survey shows, and leaves how it looks for later', () => {
    const { config, problems } = parseConfig({ ...base, theme: 'dark', surveys: [{ id: 'x', type: 'nps', question: 42, trigger: { delay: 'soon' } }] })
    expect(problems.map((p) => p.message)).toEqual(['surveys[0].trigger.delay: expected a number ≥ 0, got "soon"', 'surveys[0]: survey left out for the problems above'])
    expect(config.surveys).toEqual([])
    expect(parseConfig({ ...base, theme: 'dark', surveys: [{ id: 'x', type: 'nps', question: 42 }] }).problems).toEqual([])
  })

  it('rejects conditions whose operands the operator cannot take, naming each at its key', () => {
    expect(messagesOf({ ...base, surveys: [{ id: 'x', type: 'nps', trigger: { event: 'buy', props: { total: { in: 5 }, items: 2 } } }] })).toEqual([
      'surveys[0].trigger.props.total: expected a value or condition, got an object',
      'surveys[0]: survey left out for the problems above'
    ])
    for (const condition of [{ gte: '1' }, { exists: 'yes' }, { equals: {} }, { in: [1, {}] }, { lt: Number.NaN }]) {
      expect(messagesOf({ ...base, surveys: [{ id: 'x', type: 'nps', audience: { attributes: { a: condition } } }] })).toHaveLength(2)
    }
  })

  it.each([
    [10n, '10'],
    [Symbol('s'), 'Symbol(s)'],
    [Number.POSITIVE_INFINITY, 'Infinity'],
    [{}, 'an object'],
    [[], 'a list'],
    [() => 1, 'a function']
  ])('takes strings, finite numbers, booleans and null as attributes, not %s', (value, described) => {
    expect(messagesOf({ ...base, user: { attributes: { a: 's', b: 1, c: true, d: null } } })).toEqual([])
    expect(messagesOf({ ...base, user: { attributes: { a: 's', n: value } } })).toEqual([
      `user.attributes.n: expected a string, number, boolean or null, got ${described}`
    ])
  })

  it('names each wrong part of the theme at its own key, and uses the default theme', () => {
    const { config, problems } = checkAll({ ...base, theme: { colorScheme: 'dim', '--sayso-accent': 3, accent: 'red', position: 'center' } })
    expect(problems.map((problem) => problem.message)).toEqual([
      `theme.colorScheme: expected 'light' or 'dark' or 'auto', got "dim"`,
      'theme.--sayso-accent: expected a string, got 3',
      'theme.accent: unknown option, left out'
    ])
    expect(config.theme).toEqual({})
  })

  it.each([null, undefined, 'nps', 42, []])('survives %j as a whole configuration', (input) => {
    const { config, problems } = parseConfig(input)
    expect(config.surveys).toEqual([])
    expect(problems[0].message).toMatch(/^\(root\): expected a configuration object, got /)
  })
})
