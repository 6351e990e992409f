import { element } from './element'
import { face, star } from './icons'
import type { SurveyView } from './resolve-view'

const steps: Record<string, number> = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }

/**
 * A radiogroup and the labels of its ends: a click chooses at once; arrows (wrapping), Home
 * and End move the tab stop and mark an option, Enter or Space confirms it (the button's own
 * activation).
 */
export const scale = (view: SurveyView, onChoose: (score: number) => void): HTMLElement[] => {
  const { points, style } = view
  const count = points.length
  let marked: number | undefined
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
  const mark = (next: number) => {
    marked = next
    options.forEach((option, index) => {
      option.setAttribute('aria-checked', String(index === next))
      option.tabIndex = index === next ? 0 : -1
    })
    options[next].focus()
  }
  const group = element(
    'div',
    { role: 'radiogroup', 'aria-labelledby': 'sayso-title', 'aria-describedby': 'sayso-low sayso-high', class: style === 'number' ? 'scale' : 'scale pictured' },
    options
  )
  group.addEventListener('keydown', (event) => {
    const index = marked ?? 0
    // In a right-to-left layout the row is mirrored, so Left moves up the scale.
    const step = (steps[event.key] ?? 0) * (view.dir === 'rtl' && /Left|Right/.test(event.key) ? -1 : 1)
    const next = event.key === 'Home' ? 0 : event.key === 'End' ? count - 1 : step ? (index + step + count) % count : -1
    if (next < 0) return
    event.preventDefault()
    mark(next)
  })
  const labels = element('div', { class: 'labels', 'aria-hidden': 'true' }, [
    element('span', { id: 'sayso-low' }, [view.low]),
    element('span', { id: 'sayso-high' }, [view.high])
  ])
  return [group, labels]
}
