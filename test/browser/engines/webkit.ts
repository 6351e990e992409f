import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import { Builder, Key as Keys, type WebDriver, type WebElement } from 'selenium-webdriver'
import { defaultViewport, defaultWaitMs, poll, type Context, type Element, type Engine, type Key, type Tab, type Viewport } from './driver'
import { describeQuery, findScript, namesScript, toQuery } from './find-by-role'

// WebKitGTK (Safari's engine) through selenium-webdriver → WebKitWebDriver, which drives
// MiniBrowser on an Xvfb display of its own (TOOLCHAIN.md). There is no headless mode: without
// a display, or with --headless, session creation hangs for ever, so every wait here is bounded.

const capabilities = {
  browserName: 'MiniBrowser',
  'webkitgtk:browserOptions': { binary: '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser', args: ['--automation'] }
}
const sessionTimeoutMs = 20_000

const keys: Record<Key, string> = {
  Tab: Keys.TAB,
  Enter: Keys.ENTER,
  Space: Keys.SPACE,
  Escape: Keys.ESCAPE,
  ArrowRight: Keys.ARROW_RIGHT,
  ArrowLeft: Keys.ARROW_LEFT,
  End: Keys.END
}

const within = <T>(what: string, ms: number, work: Promise<T>): Promise<T> => {
  let timer: ReturnType<typeof setTimeout> | undefined
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} took over ${ms} ms`)), ms)))
  return Promise.race([work, late]).finally(() => clearTimeout(timer))
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number }
      probe.close(() => resolve(port))
    })
  })

/** A process of its own group, so that stopping it stops what it started (MiniBrowser). */
const start = (command: string, args: string[], env: NodeJS.ProcessEnv = process.env, fds: ('ignore' | 'pipe')[] = ['ignore', 'ignore', 'pipe']) =>
  spawn(command, args, { env, detached: true, stdio: fds })

const stop = (child: ChildProcess) => {
  if (child.exitCode !== null || child.signalCode !== null) return
  try {
    process.kill(-child.pid!, 'SIGTERM')
  } catch {
    // Already gone.
  }
}

/** Xvfb on a display number it picks itself (-displayfd), so that parallel runs never collide. */
const startDisplay = async () => {
  const xvfb = start('/usr/bin/Xvfb', ['-displayfd', '3', '-screen', '0', '1280x800x24', '-nolisten', 'tcp'], process.env, ['ignore', 'ignore', 'pipe', 'pipe'])
  const display = await within(
    'starting Xvfb',
    10_000,
    new Promise<string>((resolve, reject) => {
      let text = ''
      xvfb.stdio[3]!.on('data', (chunk) => {
        text += chunk
        if (text.includes('\n')) resolve(`:${text.trim()}`)
      })
      xvfb.once('exit', (code) => reject(new Error(`Xvfb exited (${code})`)))
    })
  ).catch((error) => {
    stop(xvfb)
    throw error
  })
  return { xvfb, display }
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

/** A WebKitWebDriver of its own for each profile: it holds one session at most. */
const startWebDriver = async (display: string) => {
  const port = await freePort()
  const webdriver = start('/usr/bin/WebKitWebDriver', [`--port=${port}`], { ...process.env, DISPLAY: display })
  const server = `http://127.0.0.1:${port}`
  try {
    await poll('WebKitWebDriver to listen', () => fetch(`${server}/status`).then((reply) => reply.ok, () => false), 10_000)
    // A session is a fresh, ephemeral profile of its own.
    const driver = await within('creating a WebKit session', sessionTimeoutMs, Promise.resolve(new Builder().usingServer(server).withCapabilities(capabilities).build()))
    return { driver, stop: () => stop(webdriver) }
  } catch (error) {
    stop(webdriver)
    throw error
  }
}

export const launchWebKit = async (): Promise<Engine> => {
  const { xvfb, display } = await startDisplay()
  return {
    name: 'webkit',
    async newContext() {
      const { driver, stop: stopDriver } = await startWebDriver(display)
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
      stop(xvfb)
    }
  }
}
