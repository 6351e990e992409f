// The link-survey page (/s/<survey id>): one survey, full page, answered from an e-mail, an
// SMS or a QR code. `?score=9` records the score the link carries and opens at the follow-up;
// every other parameter (`u`, `order`, …) travels with the answer as an attribute, `u` also as
// the user id; `t` is the link's own token and `sig` its signature (when the collector has a
// LINK_SECRET, it serves this page only for a link whose `sig` fits its survey, `t` and `u`).
window.sayso = window.sayso || function () { (window.sayso.q = window.sayso.q || []).push(arguments) }

const survey = JSON.parse(document.getElementById('survey').textContent)
const params = new URLSearchParams(location.search)
const attributes = {}
for (const [name, value] of params) if (!['score', 't', 'sig', 'locale'].includes(name)) attributes[name] = value

const visitor = () => {
  try {
    let id = localStorage.getItem('sayso:visitor')
    if (!id) localStorage.setItem('sayso:visitor', (id = crypto.randomUUID?.() ?? String(Math.random()).slice(2)))
    return id
  } catch {
    return String(Math.random()).slice(2)
  }
}

// One answer per link: its id is derived from the survey and the link's signature (else its
// token, else its user, else this browser), so that a link opened twice updates one answer
// instead of adding one. The signature comes first because nobody can compute it without the
// secret: whoever knows a customer's id cannot work out the id of that customer's answer and
// send a score under it first.
const answerId = async (text) => {
  const bytes = new TextEncoder().encode(text)
  let hash
  if (crypto.subtle) hash = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes))
  else {
    // Plain-http pages have no crypto.subtle: four FNV-1a hashes with different seeds.
    hash = new Uint8Array(16)
    for (let part = 0; part < 4; part++) {
      let h = 0x811c9dc5 ^ (part * 0x9e3779b9)
      for (const byte of bytes) h = Math.imul(h ^ byte, 0x01000193)
      new DataView(hash.buffer).setUint32(part * 4, h >>> 0)
    }
  }
  const hex = [...hash.slice(0, 16)].map((byte) => byte.toString(16).padStart(2, '0')).join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`
}

const status = document.getElementById('status')
sayso('init', {
  endpoint: '/api/answers',
  locale: params.get('locale') || undefined,
  theme: { position: 'center' },
  user: { id: params.get('u') || undefined, attributes },
  // The last step stays until the visitor leaves: there is nothing else on this page.
  surveys: [{ ...survey, trigger: 'manual', thankYou: { ...survey.thankYou, closeAfterMs: 24 * 60 * 60 * 1000 } }]
})
sayso('on', 'answer', () => (status.textContent = 'Your score is saved.'))
sayso('on', 'submit', () => (status.textContent = 'Thank you! You can close this page.'))
sayso('on', 'error', (error) => error.reason !== 'config' && (status.textContent = error.message))

answerId(`${survey.id}|${params.get('sig') || params.get('t') || params.get('u') || visitor()}`).then((id) => {
  const score = params.has('score') ? Number(params.get('score')) : undefined
  sayso('show', survey.id, { force: true, answerId: id, ...(score !== undefined && { score }) })
})
