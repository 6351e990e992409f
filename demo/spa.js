// A tiny client-side router: links change the URL with history.pushState and
// the page draws the route; sayso notices on its own (Navigation API, popstate).
const routes = {
  '/spa/': ['Home', 'Pick a route above. Each one has a survey waiting for its own trigger.'],
  '/spa/pricing': ['Pricing', 'Move the pointer out through the top of the window (towards the tabs) and a CES survey asks whether the prices were easy to understand.'],
  '/spa/docs': ['Docs', 'Scroll down to 60 % of this long page and a CSAT survey with stars appears.', 40],
  '/spa/help': ['Help', 'This page loads an answer after a moment; click “This helped” to get a CSAT survey (a click trigger on an element added after sayso started).'],
  '/spa/thank-you': ['Thank you', 'One second after this route opens, an NPS survey appears. Leave the route within that second and it is cancelled.']
}

const route = document.getElementById('route')
const draw = () => {
  const [title, text, paragraphs = 0] = routes[location.pathname] ?? ['Not found', 'No such route.']
  const heading = document.createElement('h1')
  heading.textContent = title
  const intro = document.createElement('p')
  intro.textContent = text
  route.replaceChildren(heading, intro)
  for (let i = 1; i <= paragraphs; i++) {
    const p = document.createElement('p')
    p.textContent = `Section ${i}. Tents, sleeping bags and stoves are rated for three seasons unless the label says four.`
    route.append(p)
  }
  if (location.pathname === '/spa/help') {
    setTimeout(() => {
      const helpful = document.createElement('button')
      helpful.type = 'button'
      helpful.dataset.helpful = ''
      helpful.textContent = 'This helped'
      route.append(helpful)
    }, 500)
  }
  document.title = `${title} — Acme Outdoor app`
}

document.addEventListener('click', (event) => {
  const link = event.target.closest('a[href^="/spa/"]')
  if (!link || event.ctrlKey || event.metaKey) return
  event.preventDefault()
  history.pushState(null, '', link.getAttribute('href'))
  draw()
})
window.addEventListener('popstate', draw)

const select = document.getElementById('preview-survey')
for (const survey of window.spaSurveys) select.append(new Option(`${survey.id} (${survey.type})`, survey.id))
document.getElementById('preview').addEventListener('click', () => sayso('show', select.value, { force: true }))
document.getElementById('forget').addEventListener('click', () => localStorage.removeItem('sayso:seen'))

draw()
