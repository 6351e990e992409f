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
  // These buttons are previews: they show the survey whatever the frequency rules say.
  if (button.dataset.show) sayso('show', button.dataset.show, { force: true })
})

sayso('on', 'show', (e) => note(`show ${e.surveyId}`))
sayso('on', 'answer', (a) => note(`answer ${a.surveyId}: ${a.score} (id ${a.id.slice(0, 8)}…)`))
sayso('on', 'submit', (a) => note(`submit ${a.surveyId}: ${a.score}${a.comment ? ` “${a.comment}”` : ''}`))
sayso('on', 'dismiss', (e) => note(`dismiss ${e.surveyId}${e.answered ? ' (after the score)' : ''}`))
let delivered = 0
sayso('on', 'sent', (e) => {
  delivered += e.answers.length
  note(`sent ${e.answers.length} answer(s) to the collector`)
  refreshScores()
})
sayso('on', 'error', (e) => note(`error (${e.reason}): ${e.message}`))

refreshScores()

// The network trouble switch drives the demo collector's fault injection.
const trouble = document.getElementById('trouble')
const setTrouble = async () => {
  const mode = trouble.querySelector('input[name=mode]:checked').value
  const delayMs = trouble.querySelector('input[name=slow]').checked ? 1000 : 0
  await fetch('/api/trouble', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ mode, delayMs }) })
  note(`network trouble: ${mode}${delayMs ? ', after 1 s' : ''}`)
}
trouble.addEventListener('change', setTrouble)
fetch('/api/trouble')
  .then((response) => response.json())
  .then(({ mode, delayMs }) => {
    trouble.querySelector(`input[value="${mode}"]`).checked = true
    trouble.querySelector('input[name=slow]').checked = delayMs > 0
  })

// The queue's state, read from where sayso keeps it (one localStorage key per
// answer, with the tab sending it and until when). This is the demo peeking at
// sayso's storage; a site has no need to.
const showQueue = () => {
  const entries = Object.keys(localStorage)
    .filter((key) => key.startsWith('sayso:q:'))
    .map((key) => JSON.parse(localStorage.getItem(key)))
  document.getElementById('queued').textContent = entries.length
  document.getElementById('in-flight').textContent = entries.filter((entry) => entry.until > Date.now()).length
  document.getElementById('delivered').textContent = delivered
}
setInterval(showQueue, 500)
showQueue()
