import { init } from './init'
import * as messages from './messages'
import type { EventName, Sayso, SaysoConfig, SaysoEvents } from './types'
import { version } from './version'

type Method = Exclude<keyof Sayso, 'on'>
const methods: Method[] = ['track', 'show', 'page', 'identify', 'flush', 'destroy']

/** `window.sayso`: a command function, with the same commands as methods. */
export interface SaysoCommand {
  (command: 'init', config: SaysoConfig): void
  (command: string, ...args: unknown[]): unknown
  init(config: SaysoConfig): void
  track: Sayso['track']
  show: Sayso['show']
  page: Sayso['page']
  identify: Sayso['identify']
  on: Sayso['on']
  flush: Sayso['flush']
  destroy: Sayso['destroy']
  version: string
  /** Calls made before the script loaded, replayed in order. */
  q?: ArrayLike<unknown>[]
}

/**
 * Builds the global command function around one instance. `init` may be
 * called again: the old instance is destroyed and the `on` handlers carry over.
 * Commands given before `init` wait for it.
 */
export const createCommand = (): SaysoCommand => {
  let instance: Sayso | undefined
  const waiting: [string, unknown[]][] = []
  type Listener = { name: EventName; handler: (payload: never) => void; off?: () => void }
  const listeners = new Set<Listener>()

  const listen = (listener: Listener) => {
    listener.off = instance?.on(listener.name, listener.handler as (payload: SaysoEvents[EventName]) => void)
  }

  const start = (config: SaysoConfig) => {
    instance?.destroy()
    instance = init(config)
    listeners.forEach(listen)
    for (const [name, rest] of waiting.splice(0)) run(name, rest)
  }

  const subscribe = (name: EventName, handler: (payload: never) => void) => {
    const listener: Listener = { name, handler }
    listeners.add(listener)
    listen(listener)
    return () => {
      listeners.delete(listener)
      listener.off?.()
    }
  }

  const run = (command: string, args: unknown[]): unknown => {
    if (command === 'init') return start(args[0] as SaysoConfig)
    if (command === 'on') return subscribe(args[0] as EventName, args[1] as (payload: never) => void)
    if (!(methods as string[]).includes(command)) {
      console.warn(`[sayso] ${messages.unknownCommand(command)}`)
      return
    }
    if (instance) return (instance[command as Method] as (...a: unknown[]) => unknown)(...args)
    // Before init: flush has nothing to send yet; the other commands wait for it.
    if (command === 'flush') return Promise.resolve()
    waiting.push([command, args])
  }

  const sayso = ((command: string, ...args: unknown[]) => run(command, args)) as SaysoCommand
  for (const name of ['init', 'on', ...methods]) {
    ;(sayso as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => run(name, args)
  }
  sayso.version = version
  return sayso
}
