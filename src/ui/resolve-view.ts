import type { ParsedSurvey } from '../config/schema'
import { isRightToLeft, language, pickText } from '../config/pick-text'
import { scales, segmentOf } from '../scales'
import type { SurveyType, Text } from '../types'
import { builtinTexts } from './texts/builtin-texts'
import { en } from './texts/en'

/** Everything a survey shows, in one language, ready to render. */
export interface SurveyView {
  type: SurveyType
  style: 'number' | 'star' | 'emoji'
  locale: string
  dir: 'ltr' | 'rtl'
  question: string
  low: string
  high: string
  /** Each option's score and accessible name ("9", or "4, Satisfied" for stars and faces). */
  points: { value: number; name: string }[]
  /** The follow-up question for a score; absent when the survey has none. */
  followUp?: (score: number) => string
  placeholder: string
  thanks: string
  closeAfterMs: number
  send: string
  skip: string
  close: string
  announce: string
}

const fill = (template: string, values: Record<string, string>) =>
  template.replace(/\{(\w+)\}/g, (_, key: string) => values[key])

/** Resolves a survey's texts for the visitor's locale, falling back to the built-in English. */
export const resolveView = (survey: ParsedSurvey, options: { locale: string; brand?: string }): SurveyView => {
  const builtin = builtinTexts[language(options.locale)]
  const t = builtin ?? en
  // The dialog's language is the visitor's when sayso or the survey speaks it.
  const speaks = builtin || Object.keys(Object(survey.question)).some((key) => language(key) == language(options.locale))
  const locale = speaks ? options.locale : 'en'
  const text = (value: Text | undefined, fallback: string) => pickText(value, locale) ?? fallback
  const { type, followUp, thankYou, labels } = survey
  const brand = options.brand
  const { min, max } = scales[type]
  const question = text(
    survey.question,
    fill(type == 'nps' ? t.nps : type == 'csat' ? t.csat : brand ? t.ces : t.cesNoBrand, {
      brand: brand ?? t.npsBrand,
      subject: text(survey.subject, t.csatSubject),
      task: text(survey.task, t.cesTask)
    })
  )
  const ends = type == 'nps' ? [t.npsLow, t.npsHigh] : type == 'csat' ? [t.csatPoints[0], t.csatPoints[4]] : [t.cesLow, t.cesHigh]
  const style = type == 'csat' ? survey.scale : 'number'
  const custom = typeof followUp == 'object' ? followUp : {}
  return {
    type,
    style,
    locale,
    dir: isRightToLeft(locale) ? 'rtl' : 'ltr',
    question,
    low: text(labels?.low, ends[0]),
    high: text(labels?.high, ends[1]),
    points: Array.from({ length: max - min + 1 }, (_, i) => ({
      value: min + i,
      name: style == 'number' ? String(min + i) : `${min + i}, ${t.csatPoints[i]}`
    })),
    followUp: followUp
      ? (score) => {
          const segment = segmentOf(type, score)
          return text(custom[segment] ?? custom.question, t[segment])
        }
      : undefined,
    placeholder: text(custom.placeholder, t.placeholder),
    thanks: text(thankYou.message, t.thanks),
    closeAfterMs: thankYou.closeAfterMs,
    send: t.send,
    skip: t.skip,
    close: t.close,
    announce: fill(t.announce, { question })
  }
}
