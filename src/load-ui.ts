import type * as Ui from './ui/index'

export type UiModule = typeof Ui

let loaded: UiModule | Promise<UiModule> | undefined

/**
 * The survey-drawing part: at once when it is loaded, else a promise of it.
 * For npm users it is a chunk of its own that their bundler splits off.
 */
export const loadUi = (): UiModule | Promise<UiModule> =>
  (loaded ??= import('./ui/index').then(
    (module) => (loaded = module),
    (error) => {
      loaded = undefined
      throw error
    }
  ))
