/** What the demo's "network trouble" switch can do to `POST /api/answers`. */
export interface TroubleSetting {
  /** `fail`: answer 503 to a share of requests; `503`, `429`: answer that to all; `silent`: never answer. */
  mode: 'none' | 'fail' | '503' | '429' | 'silent'
  /** For `fail`: the share of requests that fail, 0–1. */
  share: number
  /** For `429`: the Retry-After seconds. */
  retryAfter: number
  /** A delay before every reply, in ms, so that requests in flight can be seen. */
  delayMs: number
}

export interface LoggedRequest {
  ids: string[]
  start: number
  end?: number
  status?: number
}

const modes = ['none', 'fail', '503', '429', 'silent']

/**
 * Fault injection for the demo and the tests: a setting that decides how to
 * answer each request, and a log of every request's answer ids and timing.
 */
export const createTrouble = (random = Math.random) => {
  let setting: TroubleSetting = { mode: 'none', share: 0.3, retryAfter: 20, delayMs: 0 }
  const log: LoggedRequest[] = []
  return {
    log,
    get: () => setting,
    /** Changes the setting; returns the problems with the input, if any. */
    set(input: Partial<Record<keyof TroubleSetting, unknown>>): string[] {
      const next = { ...setting, ...input } as TroubleSetting
      const problems = [
        !modes.includes(next.mode) && `mode: expected one of ${modes.join(', ')}`,
        !(next.share >= 0 && next.share <= 1) && 'share: expected a number 0–1',
        !(Number.isInteger(next.retryAfter) && next.retryAfter >= 0) && 'retryAfter: expected whole seconds ≥ 0',
        !(next.delayMs >= 0 && next.delayMs <= 60_000) && 'delayMs: expected 0–60000'
      ].filter((problem): problem is string => !!problem)
      if (!problems.length) setting = next
      return problems
    },
    /** How to answer this request instead of storing it, if at all. */
    decide(): { status: number; headers?: Record<string, string> } | 'silent' | undefined {
      const { mode } = setting
      if (mode === 'silent') return 'silent'
      if (mode === '503' || (mode === 'fail' && random() < setting.share)) return { status: 503 }
      if (mode === '429') return { status: 429, headers: { 'Retry-After': String(setting.retryAfter) } }
      return undefined
    }
  }
}

export type Trouble = ReturnType<typeof createTrouble>
