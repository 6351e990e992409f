import { h, Fragment } from 'preact'
import type { SurveyView } from './resolve-view'
import { Face, Star } from './icons'

interface ScaleProps {
  view: SurveyView
  /** The option arrows last moved to; it holds the tab stop. */
  marked?: number
  onChoose: (score: number) => void
  onMark: (index: number) => void
}

const steps: Record<string, number> = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }

/**
 * A radiogroup: a click chooses at once; arrows (wrapping), Home and End move
 * and mark an option, Enter or Space confirms it (the button's own activation).
 */
export const Scale = ({ view, marked, onChoose, onMark }: ScaleProps) => {
  const { points, style } = view
  const count = points.length
  const onKeyDown = (event: KeyboardEvent) => {
    const index = marked ?? 0
    // In a right-to-left layout the row is mirrored, so Left moves up the scale.
    const step = (steps[event.key] ?? 0) * (view.dir === 'rtl' && /Left|Right/.test(event.key) ? -1 : 1)
    const next = event.key === 'Home' ? 0 : event.key === 'End' ? count - 1 : step ? (index + step + count) % count : -1
    if (next < 0) return
    event.preventDefault()
    onMark(next)
  }
  return (
    <>
      <div
        role="radiogroup"
        aria-labelledby="sayso-title"
        aria-describedby="sayso-low sayso-high"
        class={style === 'number' ? 'scale' : 'scale pictured'}
        onKeyDown={onKeyDown}
      >
        {points.map((point, index) => (
          <button
            key={point.value}
            type="button"
            role="radio"
            class={style === 'star' ? 'option star' : 'option'}
            aria-checked={marked === index}
            aria-label={style === 'number' ? undefined : point.name}
            tabIndex={(marked ?? 0) === index ? 0 : -1}
            onClick={() => onChoose(point.value)}
          >
            {style === 'star' ? <Star /> : style === 'emoji' ? <Face level={index} /> : point.name}
          </button>
        ))}
      </div>
      <div class="labels" aria-hidden="true">
        <span id="sayso-low">{view.low}</span>
        <span id="sayso-high">{view.high}</span>
      </div>
    </>
  )
}
