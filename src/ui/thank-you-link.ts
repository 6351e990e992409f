import { element } from './element'
import { opensElsewhere } from './icons'
import type { ActionView, SurveyView } from './resolve-view'

/** The thank-you's link: it opens in a new tab, and says so to those who cannot see the icon. */
export const thankYouLink = (view: SurveyView, action: ActionView, follow: (action: ActionView) => void) => {
  const anchor = element('a', { class: 'action primary link', href: action.url, target: '_blank', rel: 'noopener' }, [
    action.label,
    opensElsewhere(),
    element('span', { class: 'visually-hidden' }, [` ${view.newTab}`])
  ])
  anchor.addEventListener('click', () => follow(action))
  return anchor
}
