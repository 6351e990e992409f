import { h } from 'preact'
import { MAX_COMMENT } from '../wire/limits'
import type { SurveyView } from './resolve-view'

interface FollowUpProps {
  view: SurveyView
  question: string
  onDone: (comment?: string) => void
}

/** The open question after the score: Send keeps the text, Skip finishes without it. */
export const FollowUp = ({ view, question, onDone }: FollowUpProps) => (
  <form
    onSubmit={(event) => {
      event.preventDefault()
      const field = (event.currentTarget as HTMLFormElement).elements.namedItem('comment') as HTMLTextAreaElement
      onDone(field.value.trim() || undefined)
    }}
  >
    <h2 id="sayso-title" class="question">
      {question}
    </h2>
    <textarea
      name="comment"
      aria-labelledby="sayso-title"
      placeholder={view.placeholder}
      maxLength={MAX_COMMENT}
      onKeyDown={(event) => {
        if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) event.currentTarget.form?.requestSubmit()
      }}
    />
    <div class="actions">
      <button type="button" class="action" onClick={() => onDone()}>
        {view.skip}
      </button>
      <button type="submit" class="action primary">
        {view.send}
      </button>
    </div>
  </form>
)
