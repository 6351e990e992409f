import { h } from 'preact'

const Icon = ({ d, fill }: { d: string; fill?: boolean }) => (
  <svg viewBox="0 0 24 24" aria-hidden="true" fill={fill ? 'currentColor' : 'none'} stroke={fill ? 'none' : 'currentColor'} stroke-width="2" stroke-linecap="round">
    <path d={d} />
  </svg>
)

// Faces are drawn rather than typed as emoji: emoji fonts differ by system, and some have none.
const mouths = ['M7 17q5-5 10 0', 'M8 16q4-3 8 0', 'M8 15h8', 'M8 14q4 3 8 0', 'M7 14q5 5 10 0']
const circle = 'M12 2a10 10 0 1 0 0 20 10 10 0 1 0 0-20M9 9v1m6-1v1'

export const Face = ({ level }: { level: number }) => <Icon d={circle + mouths[level]} />

export const Star = () => <Icon fill d="m12 2.5 2.9 6 6.6.9-4.8 4.6 1.2 6.5L12 17.4l-5.9 3.1 1.2-6.5-4.8-4.6 6.6-.9z" />

export const Cross = () => <Icon d="M7 7l10 10M17 7 7 17" />
