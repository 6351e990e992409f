// The part of sayso that draws surveys: Preact, the components, the styles and the texts.
// The script-tag core and the npm entry load it only when a survey is about to show.
export { createPresenter, type Presenter, type Showing } from './create-presenter'
