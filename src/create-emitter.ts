type Handler<T> = (payload: T) => void

export interface Emitter<Events> {
  on<K extends keyof Events>(name: K, handler: Handler<Events[K]>): () => void
  emit<K extends keyof Events>(name: K, payload: Events[K]): void
  clear(): void
}

/** A small event emitter; a throwing handler is reported and does not stop the others. */
export const createEmitter = <Events>(): Emitter<Events> => {
  const handlers = new Map<keyof Events, Set<Handler<never>>>()
  return {
    on(name, handler) {
      if (!handlers.has(name)) handlers.set(name, new Set())
      handlers.get(name)!.add(handler)
      return () => void handlers.get(name)?.delete(handler)
    },
    emit(name, payload) {
      handlers.get(name)?.forEach((handler) => {
        try {
          ;(handler as Handler<typeof payload>)(payload)
        } catch (error) {
          // The page's own handler failed: surface it as the page's error, not sayso's.
          setTimeout(() => {
            throw error
          })
        }
      })
    },
    clear: () => handlers.clear()
  }
}
