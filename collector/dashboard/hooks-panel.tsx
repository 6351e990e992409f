import { h } from 'preact'
import { useStore } from '@nanostores/preact'
import { $hooks, type HookState } from './loads'

/** A hook's state in a word: what needs a look comes first. */
const stateOf = (hook: HookState) =>
  hook.failing ? 'failing' : hook.givenUp ? 'gave up' : hook.pending ? 'delivering' : hook.delivered ? 'delivered' : 'nothing sent yet'

const when = (hook: HookState) => {
  const parts = [hook.when.surveyId && `survey ${hook.when.surveyId}`, Array.isArray(hook.when.segments) && hook.when.segments.join(' or '), hook.when.withComment && 'with a comment']
  const chosen = parts.filter(Boolean).join(', ')
  return chosen ? `answers: ${chosen}` : 'every answer'
}

const at = (time: string) => new Date(time).toLocaleString()

/** Each webhook of WEBHOOKS_FILE: its state, its deliveries counted, its last delivery and its last error. */
export const HooksPanel = () => {
  const hooks = useStore($hooks).value
  if (!hooks) return null
  return (
    <section class="hooks" aria-labelledby="hooks-title">
      <h2 id="hooks-title">Webhooks</h2>
      {hooks.length ? (
        <ul>
          {hooks.map((hook) => (
            <li key={hook.index} data-hook={hook.index}>
              <span class={`state ${stateOf(hook).replace(/ /g, '-')}`}>{stateOf(hook)}</span>
              <span class="url">{hook.url}</span>
              <span class="meta">
                {hook.format}
                {hook.signed ? ', signed' : ''} · {when(hook)}
              </span>
              <span class="counts">
                {hook.delivered} delivered · {hook.pending} waiting · {hook.failing} failing · {hook.givenUp} given up
              </span>
              {hook.lastDeliveredAt && <span class="last-delivered">last delivered {at(hook.lastDeliveredAt)}</span>}
              {hook.lastError && (
                <span class="last-error">
                  last error{hook.lastErrorAt && ` (${at(hook.lastErrorAt)})`}: {hook.lastError}
                </span>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p class="empty">No webhooks: WEBHOOKS_FILE names none.</p>
      )}
    </section>
  )
}
