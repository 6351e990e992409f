// Every sentence the outbox says to a developer, each its own export.
const http = (status?: number) => (status ? ` (HTTP ${status})` : '')

export const rejected = (status?: number) => `the endpoint rejected an answer${http(status)}; it was dropped`
export const stopped = (status?: number) => `the endpoint refused answers${http(status)}; they wait for the next page load`
export const longWait = (status?: number) =>
  `the endpoint asked to wait over 5 minutes${http(status)}; the answers wait for the next page load`
export const leftOut = (paths: string[]) => `${paths.join(', ')} left out of an answer: JSON cannot carry it; the rest is sent`
export const expired = (count: number) => `${count} answer(s) older than 7 days dropped unsent`
export const overflow = () => 'over 200 answers or 256 KiB queued: the oldest dropped'
export const tooLarge = () => 'an answer over 16 KiB dropped'
export const unreachable = () => 'the endpoint did not answer (offline, refused, timed out); the answers stay queued and are tried again'
