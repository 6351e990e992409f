import { element } from './element'
import { face, star } from './icons'
import type { SurveyView } from './resolve-view'
import { movedTo, rove } from './rove'

/**
 * A radiogroup and the labels of its ends: a click chooses at once; arrows (wrapping), Home
 * and End move the tab stop and mark an option, Enter or Space confirms it (the button's own
 * activation).
 */
export const scale = (view: SurveyView, onChoose: (score: number) => void): HTMLElement[] => {
  const { points, style } = view
  let marked = 0
  const options = points.map((point, index) => {
    const option = element(
      'button',
      {
        type: 'button',
        role: 'radio',
        class: style === 'star' ? 'option star' : 'option',
        'aria-checked': 'false',
        'aria-label': style === 'number' ? undefined : point.name,
        tabindex: index === 0 ? '0' : '-1'
      },
      [style === 'star' ? star() : style === 'emoji' ? face(index) : point.name]
    )
    option.addEventListener('click', () => onChoose(point.value))
    return option
  })
  const group = element(
    'div',
    { role: 'radiogroup', 'aria-labelledby': 'sayso-title', 'aria-describedby': 'sayso-low sayso-high', class: style === 'number' ? 'scale' : 'scale pictured' },
    options
  )
  group.addEventListener('keydown', (event) => {
    const next = movedTo(event.key, marked, options.length, view.dir)
    if (next < 0) return
    event.preventDefault()
    marked = next
    options.forEach((option, index) => option.setAttribute('aria-checked', String(index === next)))
    rove(options, next)
  })
  const labels = element('div', { class: 'labels', 'aria-hidden': 'true' }, [
    element('span', { id: 'sayso-low' }, [view.low]),
    element('span', { id: 'sayso-high' }, [view.high])
  ])
  return [group, labels]
}
