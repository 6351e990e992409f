// Loaded before sayso, so that every violation sayso could cause is seen.
window.cspViolations = []
document.addEventListener('securitypolicyviolation', (event) => {
  const text = `${event.violatedDirective} blocked ${event.blockedURI || 'inline'} (${event.sourceFile}:${event.lineNumber})`
  window.cspViolations.push(text)
  const item = document.createElement('li')
  item.textContent = text
  document.getElementById('violations')?.append(item)
})

window.sayso = window.sayso || function () { (window.sayso.q = window.sayso.q || []).push(arguments) }
sayso('init', {
  endpoint: '/api/answers',
  brand: 'Acme Outdoor',
  surveys: [{ id: 'csat-csp', type: 'csat', scale: 'star', subject: 'this page' }]
})
