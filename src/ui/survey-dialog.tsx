import { h, Fragment } from 'preact'
import { Cross } from './icons'
import type { SurveyView } from './resolve-view'
import { Scale } from './scale'
import { FollowUp } from './follow-up'

export type Step = { name: 'scale'; marked?: number } | { name: 'followUp'; question: string } | { name: 'thanks' }

export interface DialogActions {
  choose: (score: number) => void
  mark: (index: number) => void
  finish: (comment?: string) => void
  close: () => void
}

interface DialogProps {
  view: SurveyView
  step: Step
  /** What the live region says; set after it exists, so that it is announced. */
  announcement: string
  actions: DialogActions
}

/** A non-modal dialog showing one step: the scale, the follow-up or the thank-you. */
export const SurveyDialog = ({ view, step, announcement, actions }: DialogProps) => (
  <>
    <div class="visually-hidden" role="status">
      {announcement}
    </div>
    <section
      class="dialog"
      role="dialog"
      aria-modal="false"
      aria-labelledby="sayso-title"
      lang={view.locale}
      dir={view.dir}
      onKeyDown={(event) => {
        if (event.key === 'Escape') actions.close()
      }}
    >
      {step.name === 'scale' && (
        <>
          <h2 id="sayso-title" class="question">
            {view.question}
          </h2>
          <Scale view={view} marked={step.marked} onChoose={actions.choose} onMark={actions.mark} />
        </>
      )}
      {step.name === 'followUp' && <FollowUp view={view} question={step.question} onDone={actions.finish} />}
      {step.name === 'thanks' && (
        <p id="sayso-title" class="thanks" tabIndex={-1}>
          {view.thanks}
        </p>
      )}
      <button type="button" class="close" aria-label={view.close} onClick={actions.close}>
        <Cross />
      </button>
    </section>
  </>
)
