// The demo storefront's own script: buttons call sayso, and the page shows
// sayso's events and the collector's scores. Text is set with textContent only.
const log = document.getElementById('log')
const scores = document.querySelector('#scores tbody')

const note = (text) => {
  const item = document.createElement('li')
  item.textContent = `${new Date().toLocaleTimeString()} ${text}`
  log.prepend(item)
}

const breakdown = (survey) =>
  survey.type === 'nps'
    ? `${survey.promoters} promoters, ${survey.passives} passives, ${survey.detractors} detractors`
    : survey.type === 'csat'
      ? `${survey.satisfied} satisfied (4–5)`
      : `${survey.easy} easy (5–7), ${survey.easyPercent ?? '–'} %`

const refreshScores = async () => {
  const { surveys } = await (await fetch('/api/summary')).json()
  scores.replaceChildren(
    ...surveys.map((survey) => {
      const row = document.createElement('tr')
      for (const value of [survey.surveyId, survey.type.toUpperCase(), survey.count, survey.score ?? '–', breakdown(survey)]) {
        const cell = document.createElement('td')
        cell.textContent = String(value)
        row.append(cell)
      }
      return row
    })
  )
}

document.addEventListener('click', (event) => {
  const button = event.target.closest('button')
  if (!button) return
  if (button.dataset.track) {
    const props = button.dataset.props ? JSON.parse(button.dataset.props) : undefined
    note(`track("${button.dataset.track}"${props ? `, ${button.dataset.props}` : ''})`)
    sayso('track', button.dataset.track, props)
  }
  if (button.dataset.show) sayso('show', button.dataset.show)
})

sayso('on', 'show', (e) => note(`show ${e.surveyId}`))
sayso('on', 'answer', (a) => note(`answer ${a.surveyId}: ${a.score} (id ${a.id.slice(0, 8)}…)`))
sayso('on', 'submit', (a) => note(`submit ${a.surveyId}: ${a.score}${a.comment ? ` “${a.comment}”` : ''}`))
sayso('on', 'dismiss', (e) => note(`dismiss ${e.surveyId}${e.answered ? ' (after the score)' : ''}`))
sayso('on', 'sent', (e) => {
  note(`sent ${e.answers.length} answer(s) to the collector`)
  refreshScores()
})
sayso('on', 'error', (e) => note(`error (${e.reason}): ${e.message}`))

refreshScores()
