import { defaultWaitMs, poll, type Element, type Key, type Tab } from './driver'
import { describeQuery, findScript, namesScript, toQuery } from './find-by-role'

interface HandleLike {
  click(): Promise<void>
  focus(): Promise<void>
}

/** What Playwright's and Puppeteer's pages have in common, as far as the flows need. */
export interface PageLike {
  goto(url: string): Promise<unknown>
  reload(): Promise<unknown>
  url(): string
  evaluateHandle(expression: string): Promise<{ asElement(): HandleLike | null }>
  evaluate(fn: unknown, arg?: unknown): Promise<unknown>
  keyboard: { press(key: string): Promise<void>; type(text: string): Promise<void> }
  bringToFront(): Promise<void>
  close(options: { runBeforeUnload: boolean }): Promise<void>
}

/**
 * A tab of Chromium (playwright-core) or Firefox (puppeteer-core): the two drive a page alike,
 * but for the names of a few keys (`keyNames`).
 */
export const pageTab = (page: PageLike, keyNames: Partial<Record<Key, string>> = {}): Tab => {
  const run = <R>(fn: unknown, arg?: unknown) => page.evaluate(fn, arg) as Promise<R>
  return {
    goto: async (url) => void (await page.goto(url)),
    reload: async () => void (await page.reload()),
    url: async () => page.url(),
    async find(role, name, timeoutMs = defaultWaitMs) {
      const query = toQuery(role, name)
      const handle = await poll(
        describeQuery(role, name),
        async () => (await page.evaluateHandle(`(${findScript})(${JSON.stringify(query)})`)).asElement(),
        timeoutMs
      ).catch(async (error: Error) => {
        throw new Error(`${error.message}; there are ${JSON.stringify(await run(`(${namesScript})(${JSON.stringify(role)})`))}`)
      })
      const element: Element = {
        click: () => handle.click(),
        async type(text) {
          await handle.focus()
          await page.keyboard.type(text)
        }
      }
      return element
    },
    press: (key) => page.keyboard.press(keyNames[key] ?? key),
    typeKeys: (text) => page.keyboard.type(text),
    evaluate: (fn, arg) => run(fn, arg),
    waitFor: (what, fn, arg, timeoutMs) => poll(what, () => run(fn, arg), timeoutMs),
    focus: () => page.bringToFront(),
    close: () => page.close({ runBeforeUnload: true })
  }
}
