// Put first in every page the tests open (the test site adds it): what reaches the page's own
// error handlers, and what sayso's `error` event says. WebKit's driver has no console or log
// endpoint, so the page keeps the record itself, the same way in every engine.
window.testPage = { pageErrors: [], saysoErrors: [] }
addEventListener('error', function (event) {
  testPage.pageErrors.push('error: ' + event.message)
})
addEventListener('unhandledrejection', function (event) {
  var reason = event.reason
  testPage.pageErrors.push('unhandledrejection: ' + (reason && reason.message ? reason.message : String(reason)))
})
// The snippet's stub, as every page that uses sayso has it, with a listener queued on it.
window.sayso = window.sayso || function () { (window.sayso.q = window.sayso.q || []).push(arguments) }
sayso('on', 'error', function (error) {
  testPage.saysoErrors.push(error.reason + ': ' + error.message)
})
