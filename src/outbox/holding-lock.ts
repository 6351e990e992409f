/**
 * Runs `work` while holding the Web Lock `name`, so that one tab sends at a time; false,
 * without running it, when another tab holds the lock. Without Web Locks it just runs, and
 * the claims alone keep the tabs apart.
 */
export const holdingLock = async (name: string, work: () => Promise<void>): Promise<boolean> => {
  const locks = navigator.locks
  const run = async () => {
    await work()
    return true
  }
  if (!locks) return run()
  return locks.request(name, { ifAvailable: true }, (lock) => (lock ? run() : false))
}
