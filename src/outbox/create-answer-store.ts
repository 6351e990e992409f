import { queuePrefix } from './queue-prefix'
import type { Answer } from '../types'

/** A queued answer, and which tab is sending it until when. */
export interface Entry {
  answer: Answer
  tab?: string
  until?: number
}

export interface AnswerStore {
  /** The queue's name, also the name of the lock that lets one tab send at a time. */
  name: string
  /** Every queued answer of this queue, oldest first, from every tab. */
  list(): Entry[]
  /** Keeps an answer; a copy with the same `id` replaces the older one. */
  put(entry: Entry): void
  /** Forgets an answer, unless a newer copy has replaced the one given. */
  remove(answer: Answer): void
  /** Whether answers outlive the page (false: storage failed, so memory holds them). */
  durable(): boolean
}

/**
 * Answers in localStorage, one key each (`sayso:q:<scope>:<id>`), so that two
 * tabs writing at once never overwrite each other's answers. When storage is
 * missing or throws (quota, privacy mode), the answers wait in memory instead.
 */
export const createAnswerStore = (scope: string, storage = () => localStorage): AnswerStore => {
  const prefix = queuePrefix(scope)
  const memory = new Map<string, Entry>()
  const attempt = <T>(work: (store: Storage) => T): T | undefined => {
    try {
      return work(storage())
    } catch {
      return undefined
    }
  }
  let durable = !!attempt((store) => (store.setItem(prefix, ''), store.removeItem(prefix), true))

  const stored = (): Entry[] =>
    attempt((store) => {
      const entries: Entry[] = []
      for (let i = 0; i < store.length; i++) {
        const key = store.key(i)!
        if (key.startsWith(prefix)) attempt(() => entries.push(JSON.parse(store.getItem(key)!)))
      }
      return entries
    }) ?? []

  return {
    name: prefix,
    list: () =>
      [...stored().filter((entry) => !memory.has(entry.answer.id)), ...memory.values()].sort(
        (a, b) => a.answer.createdAt.localeCompare(b.answer.createdAt) || a.answer.id.localeCompare(b.answer.id)
      ),
    put(entry) {
      const saved = durable && attempt((store) => (store.setItem(prefix + entry.answer.id, JSON.stringify(entry)), true))
      if (saved) memory.delete(entry.answer.id)
      else {
        durable = false
        memory.set(entry.answer.id, entry)
      }
    },
    remove(answer) {
      const same = (entry?: Entry | null) => !!entry && JSON.stringify(entry.answer) === JSON.stringify(answer)
      if (same(memory.get(answer.id))) memory.delete(answer.id)
      attempt((store) => {
        const key = prefix + answer.id
        if (same(JSON.parse(store.getItem(key) ?? 'null'))) store.removeItem(key)
      })
    },
    durable: () => durable
  }
}
