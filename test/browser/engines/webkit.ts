import { Key as Keys, type WebDriver, type WebElement } from 'selenium-webdriver'
import { defaultViewport, defaultWaitMs, poll, type Context, type Element, type Engine, type Key, type Tab, type Viewport } from './driver'
import { describeQuery, findScript, namesScript, toQuery } from './find-by-role'
import { startSession, within } from './webkit-processes'

// WebKitGTK (Safari's engine) through selenium-webdriver → WebKitWebDriver, which drives
// MiniBrowser on an Xvfb display (README, "Browsers"). A profile is a session, a tab one of its windows.

const keys: Record<Key, string> = {
  Tab: Keys.TAB,
  Enter: Keys.ENTER,
  Space: Keys.SPACE,
  Escape: Keys.ESCAPE,
  ArrowRight: Keys.ARROW_RIGHT,
  ArrowLeft: Keys.ARROW_LEFT,
  End: Keys.END
}

/** Each tab is a window of the session; commands go to one window at a time. */
const sessionOf = (driver: WebDriver) => {
  let current: string | undefined
  /** Whether the session's first window has been given to a tab. */
  let opened = false
  let queue: Promise<unknown> = Promise.resolve()
  /** Runs `work` on the window `handle`, after whatever runs before it. */
  const queued = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work)
    queue = next.catch(() => undefined)
    return next
  }
  const on = <T>(handle: string, work: () => Promise<T>): Promise<T> =>
    queued(async () => {
      if (current !== handle) await driver.switchTo().window(handle)
      current = handle
      return work()
    })
  /** The session's first window, then a new one for each further tab. */
  const openWindow = (): Promise<string> =>
    queued(async () => {
      if (!opened) current = await driver.getWindowHandle()
      else {
        // A new window opens from a window that is still open.
        if (current === undefined) await driver.switchTo().window((await driver.getAllWindowHandles())[0])
        await driver.switchTo().newWindow('window')
        current = await driver.getWindowHandle()
      }
      opened = true
      return current
    })
  return { on, openWindow, forget: () => (current = undefined) }
}

const script = (fn: unknown) => `return (${String(fn)})(arguments[0])`

const tabOf = (driver: WebDriver, session: ReturnType<typeof sessionOf>, handle: string): Tab => {
  const on = <T>(work: () => Promise<T>) => session.on(handle, work)
  const run = <R>(fn: unknown, arg?: unknown) => on(() => driver.executeScript(script(fn), arg) as Promise<R>)
  return {
    goto: (url) => on(() => driver.get(url)),
    reload: () => on(() => driver.navigate().refresh()),
    url: () => on(() => driver.getCurrentUrl()),
    async find(role, name, timeoutMs = defaultWaitMs) {
      const query = toQuery(role, name)
      const found = await poll(describeQuery(role, name), () => run<WebElement | null>(findScript, query), timeoutMs).catch(async (error: Error) => {
        throw new Error(`${error.message}; there are ${JSON.stringify(await run(namesScript, role))}`)
      })
      const element: Element = {
        click: () => on(() => found.click()),
        type: (text) => on(() => found.sendKeys(text))
      }
      return element
    },
    press: (key) => on(() => driver.actions().sendKeys(keys[key]).perform()),
    typeKeys: (text) => on(() => driver.actions().sendKeys(text).perform()),
    evaluate: (fn, arg) => run(fn, arg),
    waitFor: (what, fn, arg, timeoutMs) => poll(what, () => run(fn, arg), timeoutMs),
    focus: () => on(async () => undefined),
    close: () =>
      on(async () => {
        await driver.close()
        session.forget()
      })
  }
}

/** Sizes the window so that the page itself gets `viewport` (the window has a toolbar). */
const resize = async (driver: WebDriver, { width, height }: Viewport) => {
  const [chromeWidth, chromeHeight] = (await driver.executeScript('return [outerWidth - innerWidth, outerHeight - innerHeight]')) as number[]
  await driver.manage().window().setRect({ x: 0, y: 0, width: width + chromeWidth, height: height + chromeHeight })
}

/** WebKit on the X display launched for the run. */
export const connectWebKit = async (display: string): Promise<Engine> => {
  return {
    name: 'webkit',
    async newContext() {
      const { driver, stop: stopDriver } = await startSession(display)
      const session = sessionOf(driver)
      const opened: Context = {
        async open(url, viewport = defaultViewport) {
          const handle = await session.openWindow()
          await session.on(handle, async () => {
            await driver.get('about:blank')
            await resize(driver, viewport)
            await driver.get(url)
          })
          return tabOf(driver, session, handle)
        },
        async close() {
          await within('closing a WebKit session', 10_000, driver.quit()).catch(() => undefined)
          stopDriver()
        }
      }
      return opened
    },
    async close() {
      // Each profile stopped its own WebKitWebDriver; the display stays for the next file.
    }
  }
}
