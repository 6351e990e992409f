// The single-page demo's surveys: one trigger of each kind, on its own route.
window.sayso = window.sayso || function () { (window.sayso.q = window.sayso.q || []).push(arguments) }
window.spaSurveys = [
  { id: 'nps-thank-you', type: 'nps', trigger: { url: '/spa/thank-you', delay: 1000 } },
  { id: 'csat-docs', type: 'csat', scale: 'star', subject: 'these docs', trigger: { url: '/spa/docs', scroll: 60 } },
  { id: 'ces-pricing-exit', type: 'ces', task: 'understand the prices', trigger: { url: '/spa/pricing', exitIntent: true } },
  { id: 'csat-help-click', type: 'csat', scale: 'emoji', subject: 'the answer you found', trigger: { click: '[data-helpful]' } }
]
sayso('init', {
  endpoint: '/api/answers',
  brand: 'Acme Outdoor',
  // A demo shows many surveys in a row; a real site keeps the default of one a day.
  frequency: { cooldownDays: 0 },
  surveys: window.spaSurveys
})
