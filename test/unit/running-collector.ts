import { spawn, type ChildProcess } from 'node:child_process'
import net, { type AddressInfo } from 'node:net'
import { resolve } from 'node:path'
import { createCollector, type CollectorOptions } from '../../collector/create-collector'
import { createSqliteStore } from '../../collector/store/sqlite-store'
import type { Store } from '../../collector/store/store'

export const root = resolve(import.meta.dirname, '../..')

/** The dashboard token of the collectors these tests start. */
export const TOKEN = 'test-token-0123456789abcdef'

/** The real collector in this process, on a free loopback port, with an SQLite store in memory unless given one. */
export const startCollector = async (options: Partial<CollectorOptions> = {}) => {
  const store: Store = options.store ?? createSqliteStore(':memory:')
  const server = createCollector({ root, dashboardToken: TOKEN, ...options, store })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  const at = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    at,
    store,
    server,
    /** Posts a body (an object as JSON) to /api/answers. */
    post: (body: unknown, type = 'application/json', headers: Record<string, string> = {}) =>
      fetch(`${at}/api/answers`, { method: 'POST', headers: { 'Content-Type': type, ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) }),
    /** A read with the dashboard token. */
    read: (path: string) => fetch(`${at}${path}`, { headers: { Authorization: `Bearer ${TOKEN}` } }),
    async close() {
      server.closeAllConnections()
      await new Promise((done) => server.close(done))
      if (!options.store) await store.close()
    }
  }
}

export type RunningCollector = Awaited<ReturnType<typeof startCollector>>

export const freePort = () =>
  new Promise<number>((done) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo
      probe.close(() => done(port))
    })
  })

/**
 * `npm start` as a process of its own (collector/main.ts), with these settings on top of the
 * environment; resolves once it listens, with every line it printed so far and after.
 */
export const spawnCollector = async (env: Record<string, string>, script = 'collector/main.ts') => {
  const port = await freePort()
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: root,
    env: { ...process.env, DASHBOARD_TOKEN: '', LINK_SECRET: '', PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  const output: string[] = []
  const collect = (chunk: Buffer) => output.push(...String(chunk).split('\n').filter(Boolean))
  child.stdout!.on('data', collect)
  child.stderr!.on('data', collect)
  const exited = new Promise<number | null>((done) => child.on('exit', done))
  const started = await Promise.race([
    new Promise<boolean>((done) => child.stdout!.on('data', () => output.some((line) => line.includes('sayso collector on')) && done(true))),
    exited.then(() => false),
    new Promise<boolean>((done) => setTimeout(() => done(false), 15_000))
  ])
  /** Waits (at most 5 s) for a printed line that holds `text`. */
  const line = async (text: string) => {
    for (let waited = 0; waited < 5000; waited += 50) {
      const found = output.find((printed) => printed.includes(text))
      if (found) return found
      await new Promise((wait) => setTimeout(wait, 50))
    }
    return undefined
  }
  return { port, at: `http://127.0.0.1:${port}`, child, output, started, exited, line }
}
