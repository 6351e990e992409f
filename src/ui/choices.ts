import { element } from './element'
import type { ChoiceView, FollowUpView, SurveyView } from './resolve-view'
import { movedTo, rove } from './rove'

export interface Choices {
  /** The hint (for checkboxes) and the group. */
  nodes: HTMLElement[]
  /** The values picked, in the order the survey lists them. */
  picked(): string[]
}

/**
 * The choices of a follow-up, named by its question: a radiogroup, or a group of checkboxes
 * (`multiple`) described by its hint. One tab stop, moved as on the scale: the arrows (wrapping,
 * mirrored right to left), Home and End; moving picks a radio, Space or a click picks (or, for a
 * checkbox, unpicks), Enter sends what is picked — a radio's tab stop is picked first.
 */
export const choices = (view: SurveyView, { choices, multiple }: FollowUpView & { choices: ChoiceView[] }, send: () => void): Choices => {
  const picked = new Set<number>()
  let stop = 0
  const pick = (index: number) => {
    if (multiple && picked.has(index)) picked.delete(index)
    else {
      if (!multiple) picked.clear()
      picked.add(index)
    }
    options.forEach((option, at) => option.setAttribute('aria-checked', String(picked.has(at))))
  }
  const options = choices.map((choice, index) => {
    const option = element(
      'button',
      { type: 'button', role: multiple ? 'checkbox' : 'radio', class: 'choice', 'aria-checked': 'false', tabindex: index === 0 ? '0' : '-1' },
      [choice.label]
    )
    option.addEventListener('click', () => {
      stop = index
      rove(options, index)
      pick(index)
    })
    return option
  })
  const group = element(
    'div',
    { role: multiple ? 'group' : 'radiogroup', class: 'choices', 'aria-labelledby': 'sayso-title', 'aria-describedby': multiple ? 'sayso-hint' : undefined },
    options
  )
  group.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      // Instead of the button's own activation, which would pick (or unpick) it once more.
      event.preventDefault()
      if (!multiple && !picked.size) pick(stop)
      return send()
    }
    const next = movedTo(event.key, stop, options.length, view.dir)
    if (next < 0) return
    event.preventDefault()
    stop = next
    rove(options, next)
    if (!multiple) pick(next)
  })
  return {
    nodes: multiple ? [element('p', { id: 'sayso-hint', class: 'hint' }, [view.chooseAll]), group] : [group],
    picked: () => choices.filter((_, index) => picked.has(index)).map((choice) => choice.value)
  }
}
