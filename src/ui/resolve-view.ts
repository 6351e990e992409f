import type { DrawnSurvey } from './create-presenter'
import { isRightToLeft, pickText } from './texts/pick-text'
import { scales, segmentOf, type Segment } from '../wire/scales'
import type { SurveyType, Text } from '../types'
import type { Texts } from './texts/en'

/** A choice of a follow-up: the value the answer carries in `reasons`, and what the visitor reads. */
export interface ChoiceView {
  value: string
  label: string
}

/** The follow-up after a score. */
export interface FollowUpView {
  question: string
  /** The choices for the score's segment; absent when it asks in a text box only. */
  choices?: ChoiceView[]
  /** Several choices may be picked: checkboxes rather than radio buttons. */
  multiple: boolean
  /** The text box: alone, or after the choices (`comment: true`). */
  comment: boolean
}

/** The thank-you's link, and the segment whose own link it is. */
export interface ActionView {
  label: string
  url: string
  segment?: Segment
}

/** The thank-you after a score. */
export interface ThanksView {
  message: string
  action?: ActionView
  /** When it closes itself; absent, it stays (a thank-you with a link, an inline survey's). */
  closeAfterMs?: number
}

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
  /** The follow-up for a score; absent when the survey has none. */
  followUp?: (score: number) => FollowUpView
  thanks: (score: number) => ThanksView
  placeholder: string
  send: string
  skip: string
  close: string
  /** The hint of a group of checkboxes, the label of a text box after choices, a link's new tab. */
  chooseAll: string
  more: string
  newTab: string
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
  const { action } = thankYou
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
          const choices = Array.isArray(custom.choices) ? custom.choices : custom.choices?.[segment]
          return {
            question: text(custom[segment] ?? custom.question, t[segment]),
            choices: choices?.map((choice) => (typeof choice == 'string' ? { value: choice, label: choice } : { value: choice.value, label: text(choice.label, choice.value) })),
            multiple: !!custom.multiple,
            comment: !choices || !!custom.comment
          }
        }
      : undefined,
    thanks(score) {
      const segment = segmentOf(type, score)
      // A segment's own link, else the survey's (both or neither of its label and url are given).
      const link = action?.[segment] ?? (action?.url ? { label: action.label!, url: action.url } : undefined)
      return {
        message: text(thankYou.message, t.thanks),
        action: link && { label: text(link.label, link.url), url: link.url, ...(action?.[segment] && { segment }) },
        closeAfterMs: thankYou.closeAfterMs ?? (link || survey.inline ? undefined : 3000)
      }
    },
    placeholder: text(custom.placeholder, t.placeholder),
    send: t.send,
    skip: t.skip,
    close: t.close,
    chooseAll: t.chooseAll,
    more: t.more,
    newTab: t.newTab,
    announce: fill(t.announce, { question })
  }
}
