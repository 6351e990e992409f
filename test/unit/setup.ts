import { loadUi } from '../../src/load-ui'

// The survey-drawing part is a chunk that sayso loads when a survey is about to show. Loaded
// here once, it is there at once in every test, as it is on a page that has shown a survey.
await loadUi()
