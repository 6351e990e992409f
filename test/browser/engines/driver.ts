// The one interface the end-to-end flows are written against, so that each flow is written
// once and runs in Chromium (playwright-core), Firefox (puppeteer-core over WebDriver BiDi)
// and WebKit (selenium-webdriver → WebKitWebDriver). Each engine's file implements it.

export type EngineName = 'chromium' | 'firefox' | 'webkit'

/** The engines every end-to-end flow runs in. `ENGINES=webkit` (comma-separated) runs fewer. */
export const engineNames: EngineName[] = (process.env.ENGINES?.split(',') as EngineName[] | undefined) ?? ['chromium', 'firefox', 'webkit']

/**
 * Where the browsers launched once for the whole run are (test/browser/engines/launch-engines.ts):
 * Chromium's and Firefox's WebSocket endpoints, the X display WebKit draws on.
 */
export interface Launched {
  chromium?: string
  firefox?: string
  display?: string
}

/** The keys the flows press; each driver maps them to its own names. */
export type Key = 'Tab' | 'Enter' | 'Space' | 'Escape' | 'ArrowRight' | 'ArrowLeft' | 'End'

export interface Viewport {
  width: number
  height: number
}

/** The roles the flows look for, as ARIA names them (explicit or implied by the element). */
export type Role = 'button' | 'checkbox' | 'dialog' | 'form' | 'heading' | 'link' | 'radio' | 'textbox' | 'combobox'

/** An element found by role and name. */
export interface Element {
  /** A real pointer click at its centre, as a visitor's. */
  click(): Promise<void>
  /** Focuses it and types text, key by key. */
  type(text: string): Promise<void>
}

/** A browser tab. */
export interface Tab {
  /** Opens a URL and waits for its load event. */
  goto(url: string): Promise<void>
  reload(): Promise<void>
  url(): Promise<string>
  /**
   * The first visible element with this role and accessible name, in the page or inside an
   * open shadow root (sayso's); waits up to `timeoutMs` (5 s) for it to appear.
   */
  find(role: Role, name: string | RegExp, timeoutMs?: number): Promise<Element>
  /** Presses a key where the focus is. */
  press(key: Key): Promise<void>
  /** Types text where the focus is. */
  typeKeys(text: string): Promise<void>
  /** Runs a function in the page; it must carry everything it needs (it is sent as text). */
  evaluate<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R>
  /**
   * Waits until the function returns something truthy in the page and returns it; fails
   * with `what` after `timeoutMs` (5 s).
   */
  waitFor<R, A = undefined>(what: string, fn: (arg: A) => R | Promise<R>, arg?: A, timeoutMs?: number): Promise<Truthy<R>>
  /** Brings the tab to the front (a tab in the background may draw no frames). */
  focus(): Promise<void>
  close(): Promise<void>
}

/** A browsing profile of its own: fresh storage, fresh cache, its own tabs. */
export interface Context {
  open(url: string, viewport?: Viewport): Promise<Tab>
  /**
   * Takes every tab of this profile off the network and back, where the driver can.
   * Chromium: `navigator.onLine` turns false. Firefox (BiDi): requests fail, but
   * `navigator.onLine` stays true. WebKit: not there — flows cut the endpoint off instead.
   */
  setOffline?: (offline: boolean) => Promise<void>
  close(): Promise<void>
}

export interface Engine {
  name: EngineName
  newContext(): Promise<Context>
  close(): Promise<void>
}

/** What a wait hands back: the value it waited for, never a falsy one. */
export type Truthy<R> = Exclude<R, null | undefined | false | 0 | ''>

/** The size every tab gets unless a flow asks for another. */
export const defaultViewport: Viewport = { width: 1000, height: 700 }

/** How long `find` and `waitFor` wait unless told. */
export const defaultWaitMs = 5000

/** Polls `probe` until it returns something truthy, at most `timeoutMs`; never longer. */
export const poll = async <R>(what: string, probe: () => Promise<R>, timeoutMs = defaultWaitMs, everyMs = 50): Promise<Truthy<R>> => {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await probe()
    if (value) return value as Truthy<R>
    if (Date.now() > deadline) throw new Error(`waited ${timeoutMs} ms for ${what}`)
    await new Promise((wait) => setTimeout(wait, everyMs))
  }
}
