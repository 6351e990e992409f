import type { Tab } from '../engines/driver'

// What the flows ask of a page through any driver.

type Command = (command: string, ...args: unknown[]) => unknown

/** Runs a sayso command in the page, as the page's own code would. */
export const sayso = (tab: Tab, ...args: unknown[]) =>
  tab.evaluate((args) => (window as unknown as { sayso: Command }).sayso(...(args as [string])), args)

/** Waits until sayso itself (not the snippet's stub) is there. */
export const started = (tab: Tab) => tab.waitFor('sayso to start', () => (window as unknown as { sayso?: { version?: string } }).sayso?.version)

/** How many answers wait in the page's storage. */
export const queued = (tab: Tab) => tab.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('sayso:q:')).length)

/** The ids of the answers given so far on this page view (from the snippet page's `events`). */
export const answerIds = (tab: Tab) =>
  tab.evaluate(() => window.events.filter((event) => event.name === 'answer').map((event) => (event.payload as { id: string }).id))

/** What reached the page's own error handlers, and what sayso's `error` event said. */
export const reported = (tab: Tab) => tab.evaluate(() => window.testPage)
