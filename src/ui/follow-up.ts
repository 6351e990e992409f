import { MAX_COMMENT } from '../wire/limits'
import { element } from './element'
import type { SurveyView } from './resolve-view'

/** The open question after the score: Send keeps the text, Skip finishes without it. */
export const followUp = (view: SurveyView, question: string, onDone: (comment?: string) => void) => {
  const comment = element('textarea', { name: 'comment', 'aria-labelledby': 'sayso-title', placeholder: view.placeholder, maxlength: String(MAX_COMMENT) })
  comment.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) comment.form?.requestSubmit()
  })
  const skip = element('button', { type: 'button', class: 'action' }, [view.skip])
  skip.addEventListener('click', () => onDone())
  const form = element('form', {}, [
    element('h2', { id: 'sayso-title', class: 'question' }, [question]),
    comment,
    element('div', { class: 'actions' }, [skip, element('button', { type: 'submit', class: 'action primary' }, [view.send])])
  ])
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    onDone(comment.value.trim() || undefined)
  })
  return form
}
