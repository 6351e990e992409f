import { MAX_COMMENT } from '../wire/limits'
import { choices } from './choices'
import { element } from './element'
import type { FollowUpView, SurveyView } from './resolve-view'

/** What the visitor gave at the follow-up: nothing (Skip), a comment, the values of the choices picked. */
export interface Finished {
  comment?: string
  reasons?: string[]
}

/**
 * The question after the score: choices, a text box, or choices and then a text box. Send keeps
 * what was given (Ctrl/⌘+Enter in the text box, Enter on the choices), Skip finishes without it.
 */
export const followUp = (view: SurveyView, step: FollowUpView, onDone: (finished: Finished) => void) => {
  const send = () => form.requestSubmit()
  const picker = step.choices && choices(view, { ...step, choices: step.choices }, send)
  const comment = !step.comment
    ? undefined
    : element('textarea', {
      name: 'comment',
      id: 'sayso-comment',
      // Alone it is the question's answer; after choices, it has a label of its own.
      'aria-labelledby': picker ? undefined : 'sayso-title',
      placeholder: view.placeholder,
      maxlength: String(MAX_COMMENT)
    })
  comment?.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) send()
  })
  const skip = element('button', { type: 'button', class: 'action' }, [view.skip])
  skip.addEventListener('click', () => onDone({}))
  const form = element('form', {}, [
    element('h2', { id: 'sayso-title', class: 'question' }, [step.question]),
    ...(picker?.nodes ?? []),
    ...(comment && picker ? [element('label', { for: 'sayso-comment', class: 'more' }, [view.more])] : []),
    ...(comment ? [comment] : []),
    element('div', { class: 'actions' }, [skip, element('button', { type: 'submit', class: 'action primary' }, [view.send])])
  ])
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    const text = comment?.value.trim()
    const reasons = picker?.picked()
    onDone({ ...(text && { comment: text }), ...(reasons?.length && { reasons }) })
  })
  return form
}
