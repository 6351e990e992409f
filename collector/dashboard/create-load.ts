import { atom, computed, effect, type ReadableAtom } from 'nanostores'
import { NeedsToken } from './api'
import { $token } from './token'
import { $view, type View } from './view'

/** What a read has given so far: while it reads again, the last value stays shown. */
export type Loaded<T> =
  | { state: 'loading'; value?: T }
  | { state: 'ready'; value: T }
  | { state: 'failed'; value?: T; problem: string; needsToken: boolean }

/** Counts the Refresh button's presses: every read is made again. */
export const $refreshed = atom(0)

export const refresh = () => $refreshed.set($refreshed.get() + 1)

/**
 * An atom with what `read` gives for the part of the view that `select` picks, read again
 * whenever that part, the token or `$refreshed` changes (and only then: the picked part is
 * compared as JSON). A read overtaken by a newer one is aborted, so that an old reply never
 * shows over a newer one.
 */
export const createLoad = <Picked, T>(select: (view: View) => Picked, read: (picked: Picked, token: string, signal: AbortSignal) => Promise<T>): ReadableAtom<Loaded<T>> => {
  const $loaded = atom<Loaded<T>>({ state: 'loading' })
  const $picked = computed($view, (view) => JSON.stringify(select(view)))
  effect([$picked, $token, $refreshed], (picked, token) => {
    const controller = new AbortController()
    const last = $loaded.get().value
    $loaded.set({ state: 'loading', value: last })
    read(JSON.parse(picked) as Picked, token, controller.signal).then(
      (value) => {
        if (!controller.signal.aborted) $loaded.set({ state: 'ready', value })
      },
      (error: Error) => {
        if (!controller.signal.aborted) $loaded.set({ state: 'failed', value: last, problem: error.message, needsToken: error instanceof NeedsToken })
      }
    )
    return () => controller.abort()
  })
  return $loaded
}
