import { element } from './element'
import { followUp, type Finished } from './follow-up'
import { cross } from './icons'
import type { ActionView, FollowUpView, SurveyView, ThanksView } from './resolve-view'
import { scale } from './scale'
import { thankYouLink } from './thank-you-link'

export type Step = { name: 'scale' } | { name: 'followUp'; followUp: FollowUpView } | { name: 'thanks'; thanks: ThanksView }

export interface DialogActions {
  choose: (score: number) => void
  finish: (finished: Finished) => void
  /** The visitor followed the thank-you's link. */
  follow: (action: ActionView) => void
  close: () => void
}

export interface SurveyDialog {
  /** The live region (a pop-up's) and the survey, in that order. */
  nodes: HTMLElement[]
  /** Shows a step in place of the one before; a pop-up's close button stays. */
  show(step: Step): void
  /** Says a text in the live region, which announces only what changes after it exists. */
  announce(text: string): void
}

/**
 * The survey, showing one step at a time: the scale, the follow-up or the thank-you. A pop-up is a
 * non-modal dialog with a close button (Escape too); an inline survey, drawn in the page's flow,
 * is a form region without either, and no live region: it is part of the page, found as the page is.
 */
export const surveyDialog = (view: SurveyView, actions: DialogActions, inline = false): SurveyDialog => {
  const status = element('div', { class: 'visually-hidden', role: 'status' })
  const close = element('button', { type: 'button', class: 'close', 'aria-label': view.close }, [cross()])
  close.addEventListener('click', actions.close)
  const named = { class: 'dialog', 'aria-labelledby': 'sayso-title', lang: view.locale, dir: view.dir }
  const dialog = inline ? element('section', { ...named, role: 'form' }) : element('section', { ...named, role: 'dialog', 'aria-modal': 'false' }, [close])
  if (!inline) {
    dialog.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') actions.close()
    })
  }
  const draw = (step: Step): HTMLElement[] => {
    if (step.name === 'scale') return [element('h2', { id: 'sayso-title', class: 'question' }, [view.question]), ...scale(view, actions.choose)]
    if (step.name === 'followUp') return [followUp(view, step.followUp, actions.finish)]
    const { message, action } = step.thanks
    return [element('p', { id: 'sayso-title', class: 'thanks', tabindex: '-1' }, [message]), ...(action ? [thankYouLink(view, action, actions.follow)] : [])]
  }
  let shown: HTMLElement[] = []
  return {
    nodes: inline ? [dialog] : [status, dialog],
    show(step) {
      shown.forEach((node) => node.remove())
      shown = draw(step)
      dialog.prepend(...shown)
    },
    announce(text) {
      status.textContent = text
    }
  }
}
