import { Fragment, h } from 'preact'
import { useStore } from '@nanostores/preact'
import { segmentOf } from '../../src/wire/scales'
import { $comments, COMMENTS_SHOWN } from './loads'
import { $view, setView } from './view'

/** The comment with each place the search text occurs marked; as text, never as HTML. */
const Marked = ({ text, search }: { text: string; search: string }) => {
  const folded = text.toLowerCase()
  const needle = search.toLowerCase()
  // Folding that changes a text's length (a few letters do) would put the marks out of place.
  if (!needle || folded.length !== text.length) return <>{text}</>
  const parts: h.JSX.Element[] = []
  let at = 0
  for (let found = folded.indexOf(needle); found !== -1; found = folded.indexOf(needle, at)) {
    parts.push(<>{text.slice(at, found)}</>, <mark>{text.slice(found, found + needle.length)}</mark>)
    at = found + needle.length
  }
  parts.push(<>{text.slice(at)}</>)
  return <>{parts}</>
}

// A select's option for each segment: '' is every segment, JSON keeps "(not given)" (null) apart from any text.
const ALL = ''

/**
 * The newest comments of the view, searchable, and with a split, narrowed to one of its
 * segments (the values the cards show, `segments`); both are kept in the address.
 */
export const Comments = ({ segments }: { segments: (string | null)[] }) => {
  const view = useStore($view)
  const loaded = useStore($comments)
  const answers = loaded.value ?? []
  const split = view.by.replace(/^attributes\./, '')
  const chosen = view.segment === undefined ? ALL : JSON.stringify(view.segment === '' ? null : view.segment)
  const narrowed = [view.q && `matching “${view.q}”`, view.segment !== undefined && `${split}: ${view.segment || '(not given)'}`].filter(Boolean).join(', ')
  return (
    <section class="comments" aria-labelledby="comments-title">
      <h2 id="comments-title">Latest comments</h2>
      <form
        class="comment-filters"
        role="search"
        aria-label="Comments"
        onSubmit={(event) => {
          event.preventDefault()
          setView('q', String(new FormData(event.currentTarget).get('q') ?? '').trim())
        }}
      >
        <label>
          Search the comments
          <input type="search" name="q" value={view.q} maxLength={200} />
        </label>
        <button class="button" type="submit">
          Search
        </button>
        {view.by && (
          <label>
            Comments of {split}
            <select
              value={chosen}
              onChange={(event) => {
                const value = event.currentTarget.value
                setView('segment', value === ALL ? undefined : ((JSON.parse(value) as string | null) ?? ''))
              }}
            >
              <option value={ALL}>every {split}</option>
              {segments.map((segment) => (
                <option key={String(segment)} value={JSON.stringify(segment)}>
                  {segment ?? '(not given)'}
                </option>
              ))}
            </select>
          </label>
        )}
      </form>
      <p class="comment-count" aria-live="polite">
        {loaded.state === 'loading'
          ? 'Reading the comments…'
          : `${answers.length === COMMENTS_SHOWN ? `The newest ${COMMENTS_SHOWN}` : answers.length} ${answers.length === 1 ? 'comment' : 'comments'}${narrowed && ` (${narrowed})`}`}
      </p>
      {answers.length ? (
        <ol>
          {answers.map((answer) => (
            <li key={answer.id}>
              <span class={`badge ${segmentOf(answer.type, answer.score)}`}>{answer.score}</span>
              <span class="meta">
                {answer.surveyId} · {[answer.locale, answer.device].filter(Boolean).join(' · ')} · {new Date(answer.createdAt).toLocaleString()}
              </span>
              <span class="comment">
                <Marked text={answer.comment ?? ''} search={view.q} />
              </span>
            </li>
          ))}
        </ol>
      ) : (
        loaded.state !== 'loading' && <p class="empty">No comments {narrowed ? `(${narrowed})` : 'in this range'}.</p>
      )}
    </section>
  )
}
