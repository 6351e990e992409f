/** Adds a listener and returns the function that removes it. */
export const listen = <E extends Event>(
  target: EventTarget,
  type: string,
  listener: (event: E) => void,
  options: AddEventListenerOptions = { passive: true }
): (() => void) => {
  target.addEventListener(type, listener as EventListener, options)
  return () => target.removeEventListener(type, listener as EventListener, options)
}
