/** Web Locks for the tabs of one test: a lock held is refused to whoever asks `ifAvailable`. */
export const fakeLocks = () => {
  const held = new Set<string>()
  return {
    request: async (name: string, _options: unknown, callback: (lock: unknown) => Promise<unknown>) => {
      if (held.has(name)) return callback(null)
      held.add(name)
      try {
        return await callback({ name })
      } finally {
        held.delete(name)
      }
    }
  }
}
