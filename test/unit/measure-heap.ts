import v8 from 'node:v8'
import vm from 'node:vm'

// Node hands out its collector only with --expose-gc: set here, then taken from a fresh context.
v8.setFlagsFromString('--expose-gc')
const gc = vm.runInNewContext('gc') as () => void

/** The heap in use, in MB, once the garbage is collected: for figures of memory that can be compared. */
export const heapMB = () => {
  gc()
  gc()
  return process.memoryUsage().heapUsed / 2 ** 20
}
