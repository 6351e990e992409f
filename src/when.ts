/** Runs `then` at once when a value is there, or when its promise settles. */
export const when = <T, R>(value: T | Promise<T>, then: (value: T) => R, fail?: (error: unknown) => R): R | Promise<R> =>
  value instanceof Promise ? value.then(then, fail) : then(value)

/**
 * Work for when the browser is idle (within 2 s at the latest), and the
 * function that cancels what has not run yet.
 */
export const createIdle = () => {
  const pending = new Set<number>()
  return {
    idle(work: () => void) {
      const run = () => {
        pending.delete(handle)
        work()
      }
      const handle: number = (window.requestIdleCallback ?? setTimeout)(run, { timeout: 2000 })
      pending.add(handle)
    },
    cancel: () => pending.forEach((handle) => (window.cancelIdleCallback ?? clearTimeout)(handle))
  }
}
