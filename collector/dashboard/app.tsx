import { Fragment, h, render } from 'preact'
import { useState } from 'preact/hooks'
import { useStore } from '@nanostores/preact'
import { Card } from './card'
import { Comments } from './comments'
import { refresh } from './create-load'
import { Header } from './header'
import { HooksPanel } from './hooks-panel'
import { $attributeKeys, $comments, $hooks, $results } from './loads'
import { $token } from './token'
import { $view } from './view'

// The results dashboard. Its state lives in nanostores: the view in the address (view.ts), the
// token (token.ts), and one store per read (loads.ts), each read again when what it depends on
// changes. The components only show the stores and change the view.

const TokenForm = () => (
  <form
    class="token"
    onSubmit={(event) => {
      event.preventDefault()
      $token.set(String(new FormData(event.currentTarget).get('token') ?? '').trim())
      // The same token given again (after a mistyped one was refused) is read with again too.
      refresh()
    }}
  >
    <label>
      Dashboard token
      <input name="token" type="password" autocomplete="off" required />
    </label>
    <button class="button" type="submit">
      Open the results
    </button>
  </form>
)

/** The first read that failed, if any: a refused token asks for the token. */
const useProblem = () => {
  const loads = [useStore($results), useStore($comments), useStore($hooks), useStore($attributeKeys)]
  const failed = loads.find((loaded) => loaded.state === 'failed')
  return failed?.state === 'failed' ? failed : undefined
}

const Dashboard = () => {
  const view = useStore($view)
  const results = useStore($results).value
  const failed = useProblem()
  const [downloadProblem, setDownloadProblem] = useState('')
  const problem = failed?.problem ?? downloadProblem
  const segments = [...new Set(results?.summary.flatMap((survey) => survey.segments?.map((segment) => segment.value) ?? []) ?? [])]
  return (
    <>
      <Header onProblem={setDownloadProblem} />
      <main>
        {problem && (
          <p class="problem" role="alert">
            {problem}
          </p>
        )}
        {failed?.needsToken && <TokenForm />}
        {results && !results.summary.length && <p class="empty">No answers yet.</p>}
        <section class="cards" aria-label="Scores">
          {results?.summary.map((survey) => (
            <Card
              key={survey.surveyId + survey.type}
              survey={survey}
              by={view.by}
              points={results.trend.find((trend) => trend.surveyId === survey.surveyId && trend.type === survey.type)?.points ?? []}
            />
          ))}
        </section>
        {results && <Comments segments={segments} />}
        {results && <HooksPanel />}
      </main>
    </>
  )
}

const app = document.getElementById('app')!
app.replaceChildren()
render(<Dashboard />, app)
