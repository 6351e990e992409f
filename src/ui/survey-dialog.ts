import { element } from './element'
import { followUp } from './follow-up'
import { cross } from './icons'
import type { SurveyView } from './resolve-view'
import { scale } from './scale'

export type Step = { name: 'scale' } | { name: 'followUp'; question: string } | { name: 'thanks' }

export interface DialogActions {
  choose: (score: number) => void
  finish: (comment?: string) => void
  close: () => void
}

export interface SurveyDialog {
  /** The live region and the dialog, in that order. */
  nodes: HTMLElement[]
  /** Shows a step in place of the one before; the close button stays. */
  show(step: Step): void
  /** Says a text in the live region, which announces only what changes after it exists. */
  announce(text: string): void
}

/** A non-modal dialog showing one step at a time: the scale, the follow-up or the thank-you. */
export const surveyDialog = (view: SurveyView, actions: DialogActions): SurveyDialog => {
  const status = element('div', { class: 'visually-hidden', role: 'status' })
  const close = element('button', { type: 'button', class: 'close', 'aria-label': view.close }, [cross()])
  close.addEventListener('click', actions.close)
  const dialog = element('section', { class: 'dialog', role: 'dialog', 'aria-modal': 'false', 'aria-labelledby': 'sayso-title', lang: view.locale, dir: view.dir }, [close])
  dialog.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') actions.close()
  })
  const draw = (step: Step): HTMLElement[] => {
    if (step.name === 'scale') return [element('h2', { id: 'sayso-title', class: 'question' }, [view.question]), ...scale(view, actions.choose)]
    if (step.name === 'followUp') return [followUp(view, step.question, actions.finish)]
    return [element('p', { id: 'sayso-title', class: 'thanks', tabindex: '-1' }, [view.thanks])]
  }
  let shown: HTMLElement[] = []
  return {
    nodes: [status, dialog],
    show(step) {
      shown.forEach((node) => node.remove())
      shown = draw(step)
      close.before(...shown)
    },
    announce(text) {
      status.textContent = text
    }
  }
}
