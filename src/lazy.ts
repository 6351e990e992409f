/**
 * A part of sayso loaded on first need: the part itself once it is there, else a
 * promise of it. A failed load is tried again on the next call.
 */
export const lazy = <T>(load: () => Promise<T>): (() => T | Promise<T>) => {
  let loaded: T | Promise<T> | undefined
  return () =>
    (loaded ??= load().then(
      (part) => (loaded = part),
      (error) => {
        loaded = undefined
        throw error
      }
    ))
}
