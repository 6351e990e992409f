import type { SurveyRecord } from '../types'
import { inKey, legacyPrefix, queuePrefix } from './queue-prefix'

/** Which tab is sending an answer, and until when (ms since 1970). */
export interface Claim {
  tab: string
  until: number
}

/** A queued answer, and the claim on it while a tab sends it. */
export interface Entry {
  answer: SurveyRecord
  claim?: Claim
}

export interface AnswerStore {
  /** The queue's name, also the name of the lock that lets one tab send at a time. */
  name: string
  /** Every queued answer of this queue, oldest first, from every tab, with the claims that have not lapsed. */
  list(): Entry[]
  /** Keeps an answer; a copy with the same `id` replaces the older one. Claims are left as they are. */
  put(answer: SurveyRecord): void
  /** Forgets an answer and its claim, unless a newer copy has replaced the one given. */
  remove(answer: SurveyRecord): void
  /** Tells the other tabs that `claim.tab` is sending these answers. */
  claim(answers: SurveyRecord[], claim: Claim): void
  /** Takes back what `tab` claimed of these answers. */
  release(answers: SurveyRecord[], tab: string): void
  /** Whether answers outlive the page (false: storage failed, so memory holds them). */
  durable(): boolean
}

/** Where the tab sending an answer says so, apart from the answer: `sayso:claim:<scope>:<answer id>`. */
export const claimPrefix = (scope: string): string => `sayso:claim:${inKey(scope)}:`

// What a key holds, if it is an answer (the page shares storage with sayso, and may write anything).
const answerIn = (entry?: { answer?: SurveyRecord }): SurveyRecord | undefined => {
  const answer = entry?.answer
  return typeof answer?.id == 'string' && typeof answer.createdAt == 'string' ? answer : undefined
}

/**
 * Answers in localStorage, one key each (`sayso:q:<scope>:<id>`), so that two tabs
 * writing at once never overwrite each other's answers; claims in keys of their own
 * (`sayso:claim:<scope>:<id>`), so that claiming never rewrites an answer another tab
 * has just saved. When storage is missing or throws (quota, privacy mode), the answers
 * wait in memory instead.
 */
export const createAnswerStore = (scope: string, storage = () => localStorage): AnswerStore => {
  const prefix = queuePrefix(scope)
  const claimed = claimPrefix(scope)
  const legacy = legacyPrefix(scope)
  const memory = new Map<string, SurveyRecord>()
  // Each step on storage on its own: one that throws (or finds no JSON) is undefined.
  const attempt = <T>(work: (store: Storage) => T): T | undefined => {
    try {
      return work(storage())
    } catch {
      return undefined
    }
  }
  const keys = () => attempt((store) => Object.keys(store)) ?? []
  const read = (key: string) => attempt((store) => JSON.parse(store.getItem(key)!))
  const erase = (key: string) => attempt((store) => store.removeItem(key))
  const write = (key: string, value: unknown) =>
    attempt((store) => {
      store.setItem(key, JSON.stringify(value))
      return true
    })
  let durable = !!write(prefix, 0)
  erase(prefix)

  // The previous version kept answers under the scope as it was. A key there is this queue's
  // only if nothing but the answer's id follows: another endpoint's may start alike.
  if (legacy != prefix) {
    for (const key of keys().filter((key) => key.startsWith(legacy))) {
      const answer = answerIn(read(key))
      if (answer && key == legacy + answer.id && write(prefix + answer.id, { answer })) erase(key)
    }
  }

  const stored = (): Entry[] => {
    const now = Date.now()
    const answers: SurveyRecord[] = []
    const claims = new Map<string, Claim>()
    for (const key of keys()) {
      if (key.startsWith(claimed)) {
        const claim: Claim | undefined = read(key)
        // A lapsed claim was left by a tab that died, or outlived its answer.
        if (claim && claim.until > now) claims.set(key.slice(claimed.length), claim)
        else erase(key)
      } else if (key.startsWith(prefix)) {
        const answer = answerIn(read(key))
        if (answer && key == prefix + answer.id && !memory.has(answer.id)) answers.push(answer)
      }
    }
    return answers.map((answer) => ({ answer, claim: claims.get(answer.id) }))
  }

  const same = (one?: SurveyRecord, other?: SurveyRecord) => JSON.stringify(one) == JSON.stringify(other)

  return {
    name: prefix,
    list: () =>
      [...stored(), ...[...memory.values()].map((answer) => ({ answer }))].sort(
        (a, b) => a.answer.createdAt.localeCompare(b.answer.createdAt) || a.answer.id.localeCompare(b.answer.id)
      ),
    put(answer) {
      if (durable && write(prefix + answer.id, { answer })) memory.delete(answer.id)
      else {
        durable = false
        memory.set(answer.id, answer)
      }
    },
    remove(answer) {
      if (same(memory.get(answer.id), answer)) memory.delete(answer.id)
      if (!same(answerIn(read(prefix + answer.id)), answer)) return
      erase(prefix + answer.id)
      erase(claimed + answer.id)
    },
    claim(answers, claim) {
      answers.forEach((answer) => write(claimed + answer.id, claim))
    },
    release(answers, tab) {
      for (const answer of answers) if (read(claimed + answer.id)?.tab == tab) erase(claimed + answer.id)
    },
    durable: () => durable
  }
}
