import type { Theme } from '../types'
import css from './styles.css?inline'
import type { SurveyView } from './resolve-view'
import { readableColors } from './readable-colors'
import { surveyDialog, type DialogActions, type Step } from './survey-dialog'

export interface DialogHandlers {
  /** Opened by the visitor: focus moves into the dialog and comes back on close. */
  takeFocus: boolean
  /** A score chosen before the survey opened (a link in an e-mail): it opens at the next step. */
  chosen?: number
  /** A score was chosen. */
  onChoose: (score: number) => void
  /** The follow-up was sent (with a comment) or skipped (without). */
  onFinish: (comment?: string) => void
  /** Close, Escape, or the thank-you step timing out. */
  onClose: () => void
}

export interface Widget {
  open(view: SurveyView, handlers: DialogHandlers): void
  close(): void
}

// The element that had focus, looking through open shadow roots.
const focusedElement = (): HTMLElement | null => {
  let element = document.activeElement
  while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement
  return element instanceof HTMLElement && element !== document.body ? element : null
}

/**
 * One host element with a shadow root, added while a survey shows and removed
 * when it closes. It walks the steps: scale, follow-up, thank-you.
 */
export const createWidget = (theme: Theme): Widget => {
  let close = () => {}

  const open = (view: SurveyView, { takeFocus, chosen, onChoose, onFinish, onClose }: DialogHandlers) => {
    close()
    const returnFocus = focusedElement()
    const host = document.createElement('sayso-widget')
    for (const [key, value] of Object.entries(theme)) {
      if (key.startsWith('--sayso-')) host.style.setProperty(key, value)
    }
    const root = host.attachShadow({ mode: 'open' })
    // A constructed stylesheet passes a strict style-src CSP, where a <style> element would not.
    const sheet = new CSSStyleSheet()
    sheet.replaceSync(css)
    root.adoptedStyleSheets = [sheet]
    const container = document.createElement('div')
    container.className = 'sayso'
    container.dataset.position = theme.position ?? 'bottom-right'
    container.dataset.scheme = theme.colorScheme ?? 'light'
    const timers: ReturnType<typeof setTimeout>[] = []
    // The element a step puts focus on: the option holding the tab stop, the comment, the thanks.
    const focusStep = () => container.querySelector<HTMLElement>('[tabindex="0"],textarea,.thanks')?.focus()
    // Focus follows the steps only when it is in the dialog already: a survey
    // that opened on its own never pulls focus out of the page.
    const go = (next: Step) => {
      const focus = !!root.activeElement
      dialog.show(next)
      if (focus) focusStep()
      if (next.name === 'thanks') timers.push(setTimeout(onClose, view.closeAfterMs))
    }
    const actions: DialogActions = {
      choose(score) {
        onChoose(score)
        go(view.followUp ? { name: 'followUp', question: view.followUp(score) } : { name: 'thanks' })
      },
      finish(comment) {
        onFinish(comment)
        go({ name: 'thanks' })
      },
      close: onClose
    }
    // Drawn before it is in the page, so that the page takes it in one piece.
    const dialog = surveyDialog(view, actions)
    dialog.show({ name: 'scale' })

    // On a phone the keyboard shrinks the visual viewport: the survey moves up with it. Measured
    // before the survey is in the page, so that reading the viewport forces no layout of it.
    const viewport = window.visualViewport
    const fit = () => {
      if (!viewport) return
      container.style.setProperty('--lift', `${Math.max(0, innerHeight - viewport.height - viewport.offsetTop)}px`)
      container.style.setProperty('--room', `${viewport.height}px`)
    }
    fit()
    root.append(container)
    document.body.append(host)
    // With the container still empty, so that the colours it sets restyle nothing else.
    readableColors(container, '--sayso-on-accent' in theme)
    container.append(...dialog.nodes)
    viewport?.addEventListener('resize', fit)
    viewport?.addEventListener('scroll', fit)

    close = () => {
      close = () => {}
      timers.forEach(clearTimeout)
      viewport?.removeEventListener('resize', fit)
      viewport?.removeEventListener('scroll', fit)
      const hadFocus = !!root.activeElement
      host.remove()
      if (hadFocus && returnFocus?.isConnected) returnFocus.focus()
    }

    if (takeFocus) focusStep()
    if (chosen !== undefined) actions.choose(chosen)
    // A live region announces only what changes after it exists.
    if (!takeFocus) timers.push(setTimeout(() => dialog.announce(view.announce), 100))
  }

  return { open, close: () => close() }
}
