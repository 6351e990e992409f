import { createCommand, type SaysoCommand } from './create-command'
import type { SaysoConfig } from './types'

declare global {
  interface Window {
    sayso?: SaysoCommand
  }
}

// The script-tag build. `data-*` attributes make a zero-code survey; calls
// queued by the snippet before this file loaded are replayed after it, in order.
const start = () => {
  if (window.sayso?.version) return
  const queued = Array.from(window.sayso?.q ?? [])
  const sayso = createCommand()
  window.sayso = sayso
  const script = document.currentScript as HTMLScriptElement | null
  const data = script?.dataset ?? {}
  if (data.endpoint) {
    const config: SaysoConfig = { endpoint: data.endpoint, locale: data.locale, brand: data.brand, configUrl: data.config }
    if (data.survey) {
      // Left as text when it is not a number, so that the problem names what was given.
      const delay = data.delay && /^\d+$/.test(data.delay) ? Number(data.delay) : data.delay
      config.surveys = [{ id: data.survey, type: data.survey as 'nps', trigger: delay === undefined ? undefined : { delay: delay as number } }]
    }
    sayso('init', config)
  }
  for (const args of queued) sayso(...(Array.from(args) as [string, ...unknown[]]))
}

start()
