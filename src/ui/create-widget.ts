import type { Theme } from '../types'
import css from './styles.css?inline'
import type { Finished } from './follow-up'
import type { ActionView, SurveyView } from './resolve-view'
import { readableColors } from './readable-colors'
import { surveyDialog, type DialogActions, type Step } from './survey-dialog'

export interface DialogHandlers {
  /** Opened by the visitor: focus moves into the dialog and comes back on close. */
  takeFocus: boolean
  /** A score chosen before the survey opened (a link in an e-mail): it opens at the next step. */
  chosen?: number
  /** A score was chosen. */
  onChoose: (score: number) => void
  /** The follow-up was sent (with a comment, reasons, or both) or skipped (without). */
  onFinish: (finished: Finished) => void
  /** The visitor followed the thank-you's link. */
  onAction: (action: ActionView) => void
  /** Close, Escape, the thank-you step timing out, or its link followed. */
  onClose: () => void
}

/** A survey drawn: its host element, and what removes it. */
export interface Drawing {
  host: HTMLElement
  remove(): void
}

export interface Widget {
  /** Opens a pop-up, in place of the one before. */
  open(view: SurveyView, handlers: DialogHandlers): void
  /** Draws an inline survey at the end of `into`, in the page's flow. */
  place(view: SurveyView, handlers: DialogHandlers, into: Element): Drawing
  /** Closes the pop-up. */
  close(): void
}

// The element that had focus, looking through open shadow roots.
const focusedElement = (): HTMLElement | null => {
  let element = document.activeElement
  while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement
  return element instanceof HTMLElement && element !== document.body ? element : null
}

/**
 * Surveys in host elements with shadow roots of their own, each added while its survey shows and
 * removed when it goes: one pop-up at a time (`<sayso-widget>`, at the end of the body) and any
 * number of inline surveys (`<sayso-inline>`, inside the page's elements). Each walks the steps:
 * scale, follow-up, thank-you. They share one constructed stylesheet, which passes a strict
 * style-src CSP where a <style> element would not.
 */
export const createWidget = (theme: Theme): Widget => {
  const sheet = new CSSStyleSheet()
  sheet.replaceSync(css)
  let closePopup = () => {}

  const draw = (view: SurveyView, { takeFocus, chosen, onChoose, onFinish, onAction, onClose }: DialogHandlers, into?: Element): Drawing => {
    // An inline survey is part of the page: when it goes, focus goes where the page puts it.
    const returnFocus = into ? null : focusedElement()
    const host = document.createElement(into ? 'sayso-inline' : 'sayso-widget')
    for (const [key, value] of Object.entries(theme)) {
      if (key.startsWith('--sayso-')) host.style.setProperty(key, value)
    }
    const root = host.attachShadow({ mode: 'open' })
    root.adoptedStyleSheets = [sheet]
    const container = document.createElement('div')
    container.className = 'sayso'
    container.dataset.position = into ? 'inline' : (theme.position ?? 'bottom-right')
    container.dataset.scheme = theme.colorScheme ?? 'light'
    const timers: ReturnType<typeof setTimeout>[] = []
    let score: number
    // The element a step puts focus on: the option holding the tab stop, the comment, the thanks.
    const focusStep = () => container.querySelector<HTMLElement>('[tabindex="0"],textarea,.thanks')?.focus()
    // Focus follows the steps only when it is in the survey already: a survey that showed on its
    // own never pulls focus out of the page.
    const go = (next: Step) => {
      const focus = !!root.activeElement
      dialog.show(next)
      if (focus) focusStep()
      if (next.name === 'thanks' && next.thanks.closeAfterMs !== undefined) timers.push(setTimeout(onClose, next.thanks.closeAfterMs))
    }
    const actions: DialogActions = {
      choose(chosen) {
        score = chosen
        onChoose(score)
        go(view.followUp ? { name: 'followUp', followUp: view.followUp(score) } : { name: 'thanks', thanks: view.thanks(score) })
      },
      finish(finished) {
        onFinish(finished)
        go({ name: 'thanks', thanks: view.thanks(score) })
      },
      follow(action) {
        onAction(action)
        // A pop-up is done once its link is followed; after the click, since a link taken out of
        // the page before its click is over opens nothing. An inline survey's thanks stay.
        if (!into) timers.push(setTimeout(onClose))
      },
      close: onClose
    }
    // Drawn before it is in the page, so that the page takes it in one piece.
    const dialog = surveyDialog(view, actions, !!into)
    dialog.show({ name: 'scale' })

    // On a phone the keyboard shrinks the visual viewport: a pop-up moves up with it. Measured
    // before the survey is in the page, so that reading the viewport forces no layout of it.
    const viewport = into ? undefined : window.visualViewport
    const fit = () => {
      if (!viewport) return
      container.style.setProperty('--lift', `${Math.max(0, innerHeight - viewport.height - viewport.offsetTop)}px`)
      container.style.setProperty('--room', `${viewport.height}px`)
    }
    fit()
    root.append(container)
    ;(into ?? document.body).append(host)
    // With the container still empty, so that the colours it sets restyle nothing else.
    readableColors(container, '--sayso-on-accent' in theme)
    container.append(...dialog.nodes)
    viewport?.addEventListener('resize', fit)
    viewport?.addEventListener('scroll', fit)

    if (takeFocus) focusStep()
    if (chosen !== undefined) actions.choose(chosen)
    // A live region announces only what changes after it exists; an inline survey has none.
    if (!takeFocus && !into) timers.push(setTimeout(() => dialog.announce(view.announce), 100))

    let removed = false
    const remove = () => {
      if (removed) return
      removed = true
      timers.forEach(clearTimeout)
      viewport?.removeEventListener('resize', fit)
      viewport?.removeEventListener('scroll', fit)
      const hadFocus = !!root.activeElement
      host.remove()
      if (hadFocus && returnFocus?.isConnected) returnFocus.focus()
    }
    return { host, remove }
  }

  return {
    open(view, handlers) {
      closePopup()
      closePopup = draw(view, handlers).remove
    },
    place: (view, handlers, into) => draw(view, handlers, into),
    close: () => closePopup()
  }
}
