import type { Transport } from '../types'

/** Where the answers for one endpoint (or for the custom transport) wait: `sayso:q:<scope>:<answer id>`. */
export const queuePrefix = (scope: string): string => `sayso:q:${scope}:`

/** Whether answers from an earlier page view wait in storage, without reading them. */
export const hasQueued = (scope: string): boolean => {
  const prefix = queuePrefix(scope)
  try {
    return Object.keys(localStorage).some((key) => key.startsWith(prefix))
  } catch {
    return false // No storage: nothing can have waited.
  }
}

/** The queue's scope: the endpoint, or one queue for a custom transport. */
export const scopeOf = ({ endpoint, transport }: { endpoint?: string; transport?: Transport }): string | undefined =>
  transport ? 'transport' : endpoint
