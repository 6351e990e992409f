import type * as Ui from './ui/index'

export type UiModule = typeof Ui

let loaded: UiModule | Promise<UiModule> | undefined

/**
 * The survey-drawing part, for the script-tag core: `sayso.ui.js` from beside
 * the script itself, so that a CSP allowing the script allows it too.
 */
export const loadUi = (): UiModule | Promise<UiModule> =>
  (loaded ??= import(/* @vite-ignore */ new URL('sayso.ui.js', import.meta.url).href).then(
    (module: UiModule) => (loaded = module),
    (error) => {
      loaded = undefined
      throw error
    }
  ))
