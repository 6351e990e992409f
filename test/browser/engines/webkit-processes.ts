import { spawn, type ChildProcess } from 'node:child_process'
import { Builder, type WebDriver } from 'selenium-webdriver'
import { freePort } from '../free-port'
import { poll } from './driver'

// The processes WebKit's tests need, started and stopped by the tests themselves: an Xvfb
// display, and a WebKitWebDriver for each profile, which starts MiniBrowser on that display.
// There is no headless mode: without a display, or with --headless, session creation hangs for
// ever (README, "Browsers"), so every wait here is bounded.

const capabilities = {
  browserName: 'MiniBrowser',
  'webkitgtk:browserOptions': { binary: '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser', args: ['--automation'] }
}

/** `work`, or an error once `ms` have passed without it. */
export const within = <T>(what: string, ms: number, work: Promise<T>): Promise<T> => {
  let timer: ReturnType<typeof setTimeout> | undefined
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} took over ${ms} ms`)), ms)))
  return Promise.race([work, late]).finally(() => clearTimeout(timer))
}

// In a process group of its own, so that stopping it stops what it started (MiniBrowser).
// Its output is not read, so it goes nowhere: a full pipe would block it.
const start = (command: string, args: string[], env: NodeJS.ProcessEnv, stdio: ('ignore' | 'pipe')[] = ['ignore', 'ignore', 'ignore']) =>
  spawn(command, args, { env, detached: true, stdio })

/** Stops a process started here, and the processes it started. */
export const stop = (child: ChildProcess) => {
  if (child.exitCode !== null || child.signalCode !== null) return
  try {
    process.kill(-child.pid!, 'SIGTERM')
  } catch {
    // Already gone.
  }
}

/** Xvfb on a display number it picks itself (-displayfd), so that runs side by side never collide. */
export const startDisplay = async () => {
  const xvfb = start('/usr/bin/Xvfb', ['-displayfd', '3', '-screen', '0', '1280x800x24', '-nolisten', 'tcp'], process.env, ['ignore', 'ignore', 'ignore', 'pipe'])
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

/**
 * A WebKitWebDriver of its own, with a session: a fresh, ephemeral profile. One each, because a
 * WebKitWebDriver holds one session at most ("Maximum number of active sessions").
 */
export const startSession = async (display: string): Promise<{ driver: WebDriver; stop: () => void }> => {
  const port = await freePort()
  const webdriver = start('/usr/bin/WebKitWebDriver', [`--port=${port}`], { ...process.env, DISPLAY: display })
  const server = `http://127.0.0.1:${port}`
  try {
    await poll('WebKitWebDriver to listen', () => fetch(`${server}/status`).then((reply) => reply.ok, () => false), 10_000)
    const driver = await within('creating a WebKit session', 20_000, Promise.resolve(new Builder().usingServer(server).withCapabilities(capabilities).build()))
    return { driver, stop: () => stop(webdriver) }
  } catch (error) {
    stop(webdriver)
    throw error
  }
}
