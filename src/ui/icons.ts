import { svgElement } from './element'

const icon = (d: string, filled = false) =>
  svgElement(
    'svg',
    { viewBox: '0 0 24 24', 'aria-hidden': 'true', fill: filled ? 'currentColor' : 'none', stroke: filled ? 'none' : 'currentColor', 'stroke-width': '2', 'stroke-linecap': 'round' },
    [svgElement('path', { d })]
  )

// Faces are drawn rather than typed as emoji: emoji fonts differ by system, and some have none.
const mouths = ['M7 17q5-5 10 0', 'M8 16q4-3 8 0', 'M8 15h8', 'M8 14q4 3 8 0', 'M7 14q5 5 10 0']
const circle = 'M12 2a10 10 0 1 0 0 20 10 10 0 1 0 0-20M9 9v1m6-1v1'

export const face = (level: number) => icon(circle + mouths[level])

export const star = () => icon('m12 2.5 2.9 6 6.6.9-4.8 4.6 1.2 6.5L12 17.4l-5.9 3.1 1.2-6.5-4.8-4.6 6.6-.9z', true)

export const cross = () => icon('M7 7l10 10M17 7 7 17')

/** An arrow leaving a box: the link opens elsewhere (a new tab). */
export const opensElsewhere = () => icon('M14 4h6v6m0-6-9 9m7 1v5a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V7a1 1 0 0 1 1-1h5')
