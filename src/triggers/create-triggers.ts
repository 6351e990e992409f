import type { ParsedSurvey } from '../config/schema'
import type { Scalar } from '../types'
import { listen } from './listen'
import { matches } from '../targeting/matches'
import { urlMatches } from './url-matches'
import { watchPage } from './watch-page'

export interface Triggers {
  /** An event from `track()`: surveys waiting for it may show. */
  track(event: string, props?: Record<string, Scalar>): void
  /** A new page view: a route change in a single-page app, or `sayso('page')`. */
  page(): void
  destroy(): void
}

type Fact = 'event' | 'click' | 'exitIntent'
interface Watch {
  survey: ParsedSurvey
  trigger: Exclude<ParsedSurvey['trigger'], undefined>
  /** What has happened during this page view. */
  facts: Set<Fact>
  timer?: ReturnType<typeof setTimeout>
  /** Already matched during this page view. */
  done?: boolean
}

/**
 * Decides when each survey asks. Every condition given must hold: the moments
 * (`event`, `click`, `exitIntent`) must have happened during this page view, the
 * page must match `url` and be scrolled `scroll` percent; then `delay` runs, and
 * a new page that no longer matches `url` cancels it. `scroll` is how far down
 * the page the bottom of the window has been, once the visitor scrolls. Listeners are added only
 * for the conditions some survey uses; nothing polls.
 */
export const createTriggers = (
  surveys: ParsedSurvey[],
  onMatch: (survey: ParsedSurvey) => void,
  onPage: () => void
): Triggers => {
  const watches: Watch[] = surveys
    .filter((survey) => !survey.trigger?.manual)
    .map((survey) => ({ survey, trigger: survey.trigger ?? {}, facts: new Set() }))
  const uses = (condition: keyof Watch['trigger']) => watches.some((watch) => watch.trigger[condition] !== undefined)
  let depth = 0

  const onThisPage = ({ trigger }: Watch) => !trigger.url || urlMatches(trigger.url)
  const holds = (watch: Watch) => {
    const { trigger, facts } = watch
    // The URL last: it compiles patterns, and this runs on every scroll event.
    return (
      depth >= (trigger.scroll ?? 0) &&
      (!trigger.event || facts.has('event')) &&
      (!trigger.click || facts.has('click')) &&
      (!trigger.exitIntent || facts.has('exitIntent')) &&
      onThisPage(watch)
    )
  }
  const evaluate = () => {
    for (const watch of watches) {
      if (watch.done || watch.timer || !holds(watch)) continue
      const match = () => {
        watch.timer = undefined
        watch.done = true
        onMatch(watch.survey)
      }
      // Without a delay, at once: a timer would wait behind the frames the page is rendering.
      if (watch.trigger.delay) watch.timer = setTimeout(match, watch.trigger.delay)
      else match()
    }
  }
  const happened = (fact: Fact, applies: (watch: Watch) => unknown) => {
    const moved = watches.filter((watch) => applies(watch) && !watch.done)
    moved.forEach((watch) => watch.facts.add(fact))
    evaluate()
  }
  // Depth is measured when the visitor scrolls: a page that cannot scroll never reaches it,
  // and a route a single-page app is still drawing is not mistaken for a short page.
  const measure = () => {
    const { scrollHeight } = document.documentElement
    depth = Math.max(depth, scrollHeight ? ((scrollY + innerHeight) / scrollHeight) * 100 : 100)
    evaluate()
  }

  const pageView = () => {
    for (const watch of watches) {
      watch.facts.clear()
      watch.done = false
      // A survey waiting out its delay is dropped when the new page no longer matches.
      if (!onThisPage(watch)) watch.timer = void clearTimeout(watch.timer)
    }
    depth = 0
    onPage()
    evaluate()
  }

  const watcher = watches.length ? watchPage(pageView) : undefined
  const unbind = [
    watcher?.unbind,
    uses('scroll') && listen(window, 'scroll', measure),
    // Exit intent: the pointer leaves the window through its top edge (desktop pointers only).
    uses('exitIntent') &&
      listen<MouseEvent>(document, 'mouseout', (event) => {
        if (!event.relatedTarget && event.clientY <= 0) happened('exitIntent', (watch) => watch.trigger.exitIntent)
      }),
    // One delegated listener, so that elements added later count too.
    uses('click') &&
      listen<MouseEvent>(document, 'click', (event) => {
        const target = event.target instanceof Element ? event.target : null
        happened('click', ({ trigger }) => trigger.click && target?.closest(trigger.click))
      })
  ]
  evaluate()

  return {
    track: (event, props) => happened('event', ({ trigger }) => trigger.event == event && matches(trigger.props, props)),
    page: () => (watcher ? watcher.announce() : pageView()),
    destroy() {
      unbind.forEach((off) => off && off())
      watches.forEach((watch) => clearTimeout(watch.timer))
    }
  }
}
