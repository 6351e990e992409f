import { map } from 'nanostores'
import { query } from './api'

/**
 * What the dashboard shows, all of it in the address (`?survey=…&by=device&q=late`), so that a
 * view can be shared and reloaded: the filters, the split, the trend's period, and the
 * comments' search and segment.
 */
export interface View {
  survey: string
  /** Dates, `YYYY-MM-DD`; `to` is inclusive. */
  from: string
  to: string
  /** The split: '' for none, else `device`, `locale`, `path` or `attributes.<key>`. */
  by: string
  period: 'day' | 'week'
  /** The comments' search text. */
  q: string
  /** The comments' segment of `by`: undefined for all of them, '' for the answers that gave none. */
  segment?: string
}

const splits = /^(device|locale|path|attributes\.[\w.-]{1,100})$/

/** The view an address asks for; what it cannot use is left at the default. */
export const readView = (search: string): View => {
  const params = new URLSearchParams(search)
  const by = params.get('by') ?? ''
  const split = splits.test(by) ? by : ''
  return {
    survey: params.get('survey') ?? '',
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
    by: split,
    period: params.get('period') === 'day' ? 'day' : 'week',
    q: params.get('q') ?? '',
    segment: split ? (params.get('segment') ?? undefined) : undefined
  }
}

/** The address's query for a view; an empty `segment` stays in it, for the answers that gave none. */
export const viewQuery = ({ segment, ...view }: View) => {
  const rest = query({ ...view, period: view.period === 'week' ? undefined : view.period })
  const chosen = segment === undefined ? '' : new URLSearchParams({ segment }).toString()
  return [rest, chosen].filter(Boolean).join('&')
}

export const $view = map<View>(readView(location.search))

$view.listen((view) => history.replaceState(null, '', `?${viewQuery(view)}`))

/** Changes one filter; a new split forgets the segment chosen in the old one. */
export const setView = <Key extends keyof View>(key: Key, value: View[Key]) => {
  if (key === 'by') $view.set({ ...$view.get(), by: value as string, segment: undefined })
  else $view.set({ ...$view.get(), [key]: value })
}
