import type { Transport } from '../types'

/**
 * The scope as it appears in a storage key. A colon ends the scope, so one inside it is
 * written %3A (and a percent %25, so that no two scopes read alike): no queue's prefix is
 * then the start of another's, whatever the URLs look like ('https://c.example' and
 * 'https://c.example:8443/api'). A path such as '/api/answers' keeps its old key.
 */
export const inKey = (scope: string): string => scope.replace(/[%:]/g, encodeURIComponent)

/** Where the answers for one endpoint (or for the custom transport) wait: `sayso:q:<scope>:<answer id>`. */
export const queuePrefix = (scope: string): string => `sayso:q:${inKey(scope)}:`

/** Where the previous version kept answers: the scope as it is, which another endpoint's key may start with. */
export const legacyPrefix = (scope: string): string => `sayso:q:${scope}:`

/** The queue's scope: the endpoint, or one queue for a custom transport. */
export const scopeOf = ({ endpoint, transport }: { endpoint?: string; transport?: Transport }): string | undefined =>
  transport ? 'transport' : endpoint
