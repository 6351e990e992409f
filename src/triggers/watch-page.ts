import { listen } from './listen'

const withoutFragment = () => location.href.replace(/#.*/, '')

/**
 * Calls `onPage` when a single-page app moves to another URL: through the
 * Navigation API (which sees `history.pushState` and `replaceState` without
 * sayso replacing them) and `popstate`. A change of fragment alone is no new page.
 */
export const watchPage = (onPage: () => void): (() => void) => {
  let last = withoutFragment()
  const check = () => {
    if (withoutFragment() == last) return
    last = withoutFragment()
    onPage()
  }
  const navigation = (window as Window & { navigation?: EventTarget }).navigation
  const unbind = [listen(window, 'popstate', check), navigation && listen(navigation, 'currententrychange', check)]
  return () => unbind.forEach((off) => off?.())
}
