import type { DrawnSurvey } from './create-presenter'
import { isRightToLeft, pickText } from './texts/pick-text'
import { scales, segmentOf } from '../wire/scales'
import type { SurveyType, Text } from '../types'
import type { Texts } from './texts/en'

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

/** Resolves a survey's texts for a locale, with the built-in texts of its language. */
export const resolveView = (survey: DrawnSurvey, { locale, texts: t, brand }: { locale: string; texts: Texts; brand?: string }): SurveyView => {
  const text = (value: Text | undefined, fallback: string) => pickText(value, locale) ?? fallback
  const { type, followUp, thankYou, labels } = survey
  const { min, max } = scales[type]
  const question = text(
    survey.question,
    fill(type == 'nps' ? (brand ? t.nps : t.npsNoBrand) : type == 'csat' ? t.csat : brand ? t.ces : t.cesNoBrand, {
      brand: brand!,
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
    closeAfterMs: thankYou.closeAfterMs ?? 3000,
    send: t.send,
    skip: t.skip,
    close: t.close,
    announce: fill(t.announce, { question })
  }
}
