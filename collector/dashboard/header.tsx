import { h } from 'preact'
import { useStore } from '@nanostores/preact'
import { download, query } from './api'
import { refresh } from './create-load'
import { $attributeKeys, $results } from './loads'
import { $token } from './token'
import { $view, setView, type View } from './view'

const dimensions = ['device', 'locale', 'path']

/** The filters, the split and the trend's period, each kept in the address; the CSV; Refresh. */
export const Header = ({ onProblem }: { onProblem: (problem: string) => void }) => {
  const view = useStore($view)
  const surveys = useStore($results).value?.all ?? []
  const keys = useStore($attributeKeys).value ?? []
  const set = (key: 'survey' | 'from' | 'to' | 'by' | 'period') => (event: Event) => setView(key, (event.currentTarget as HTMLInputElement).value as View[typeof key])
  // A split the address asks for stays listed while the keys are read, or when no answer has it now.
  const attributes = [...new Set([...keys.map((key) => `attributes.${key}`), ...(view.by.startsWith('attributes.') ? [view.by] : [])])]
  return (
    <header>
      <h1>sayso results</h1>
      <label>
        Survey
        <select value={view.survey} onChange={set('survey')}>
          <option value="">All surveys</option>
          {surveys.map((survey) => (
            <option key={survey.surveyId} value={survey.surveyId}>
              {survey.surveyId}
            </option>
          ))}
        </select>
      </label>
      <label>
        From
        <input type="date" value={view.from} onChange={set('from')} />
      </label>
      <label>
        To
        <input type="date" value={view.to} onChange={set('to')} />
      </label>
      <label>
        Split by
        <select value={view.by} onChange={set('by')}>
          <option value="">nothing</option>
          {dimensions.map((dimension) => (
            <option key={dimension} value={dimension}>
              {dimension}
            </option>
          ))}
          {attributes.length > 0 && (
            <optgroup label="attributes">
              {attributes.map((attribute) => (
                <option key={attribute} value={attribute}>
                  {attribute.slice('attributes.'.length)}
                </option>
              ))}
            </optgroup>
          )}
        </select>
      </label>
      <label>
        Trend by
        <select value={view.period} onChange={set('period')}>
          <option value="week">week</option>
          <option value="day">day</option>
        </select>
      </label>
      <button
        class="button"
        type="button"
        onClick={() =>
          download(`/api/answers.csv?${query({ survey: view.survey, from: view.from, to: view.to })}`, $token.get(), 'sayso-answers.csv').catch((error: Error) =>
            onProblem(`The download failed: ${error.message}`)
          )
        }
      >
        Download CSV
      </button>
      <button class="button" type="button" onClick={refresh}>
        Refresh
      </button>
    </header>
  )
}
