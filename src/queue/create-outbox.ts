import type { Answer, SaysoError, Transport, TransportResult } from '../types'
import { messages } from '../messages'
import { MAX_BATCH } from '../transport/wire-limits'
import { backoff, BATCH_BYTES, byteLength, MAX_WAIT_MS, SOON_MS } from './limits'

export interface OutboxOptions {
  transport: Transport
  onSent: (answers: Answer[]) => void
  onError: (error: SaysoError) => void
}

export interface Outbox {
  /** Queues an answer; a newer copy of the same `id` replaces the queued one in its place. */
  push(answer: Answer): void
  /** Sends now; settles when the queue is empty or cannot progress. */
  flush(): Promise<void>
  destroy(): void
}

/**
 * Holds answers until the transport confirms them, and sends them in batches
 * with backoff, `Retry-After` and batch splitting (RELIABILITY.md, rules 5, 6 and 8).
 */
export const createOutbox = ({ transport, onSent, onError }: OutboxOptions): Outbox => {
  const queue = new Map<string, Answer>()
  let timer: ReturnType<typeof setTimeout> | undefined
  let sending = false
  let stopped = false
  let attempt = 0
  let batchLimit = MAX_BATCH
  let pausedUntil = 0
  let waiters: (() => void)[] = []

  const settle = () => waiters.splice(0).forEach((resolve) => resolve())
  // Only the copy that was sent is removed: a comment may have replaced it meanwhile.
  const remove = (batch: Answer[]) => batch.forEach((answer) => queue.get(answer.id) == answer && queue.delete(answer.id))

  const schedule = (ms: number) => {
    clearTimeout(timer)
    timer = setTimeout(send, Math.max(ms, pausedUntil - Date.now()))
  }

  const nextBatch = () => {
    const batch: Answer[] = []
    let bytes = 0
    for (const answer of queue.values()) {
      bytes += byteLength(answer)
      if (batch.length == batchLimit || (batch.length && bytes > BATCH_BYTES)) break
      batch.push(answer)
    }
    return batch
  }

  const handle = (batch: Answer[], result: TransportResult) => {
    if (result.ok) {
      remove(batch)
      attempt = 0
      onSent(batch)
      return send()
    }
    const { retry, retryAfterMs, status } = result
    if (retry) {
      // A pause the server asks for is obeyed and counts as no attempt; one over 5 minutes waits for the next page.
      if (retryAfterMs! > MAX_WAIT_MS) stopped = true
      else if (retryAfterMs! >= 0) pausedUntil = Date.now() + Math.max(1000, retryAfterMs!)
      schedule(retryAfterMs! >= 0 ? 0 : backoff(attempt++))
    } else if (status == 400 || status == 413 || status == 422) {
      // Halve until the bad answer is alone, then drop it and deliver the rest.
      if (batch.length > 1) batchLimit = Math.ceil(batch.length / 2)
      else {
        batchLimit = MAX_BATCH
        remove(batch)
        onError({ reason: 'rejected', message: messages.rejected(status), answers: batch, status })
      }
      return send()
    } else {
      stopped = true
      onError({ reason: 'stopped', message: messages.stopped(status), answers: batch, status })
    }
    settle()
  }

  async function send() {
    clearTimeout(timer)
    if (sending) return
    if (stopped || !queue.size || navigator.onLine === false || Date.now() < pausedUntil) {
      if (Date.now() < pausedUntil) schedule(0)
      return settle()
    }
    const batch = nextBatch()
    sending = true
    let result: TransportResult
    try {
      result = await transport(batch, { keepalive: false })
    } catch (error) {
      onError({ reason: 'transport', message: messages.failed('the transport', error) })
      result = { ok: false, retry: true }
    }
    sending = false
    handle(batch, result)
  }

  addEventListener('online', send)

  return {
    push(answer) {
      queue.set(answer.id, answer)
      if (!sending) schedule(SOON_MS)
    },
    flush() {
      const settled = new Promise<void>((resolve) => waiters.push(resolve))
      send()
      return settled
    },
    destroy() {
      clearTimeout(timer)
      removeEventListener('online', send)
      // The page outlives destroy(): one last keepalive request gives what is still queued its chance.
      if (queue.size && !stopped) transport([...queue.values()], { keepalive: true }).catch(() => {})
      queue.clear()
      stopped = true
      settle()
    }
  }
}
