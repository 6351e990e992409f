import { listen } from './listen'

const withoutFragment = () => location.href.replace(/#.*/, '')

/**
 * Calls `onPage` when a single-page app moves to another URL, without polling and without
 * replacing `history.pushState` or any other function of the page. Where the browser has the
 * Navigation API, its `currententrychange` sees `pushState` and `replaceState`; where it has
 * none (WebKit), a route change is noticed when the app draws the new route: every change of
 * the DOM is a moment to compare the URL with the last one seen. `popstate` in both. A change
 * of fragment alone is no new page. A page view announced (`sayso('page')`) is seen too, so that the
 * change it announces is not a second page view when the browser tells of it.
 */
export const watchPage = (onPage: () => void) => {
  let last = withoutFragment()
  const check = (announced?: boolean) => {
    const now = withoutFragment()
    if (!announced && now == last) return
    last = now
    onPage()
  }
  const navigation = (window as Window & { navigation?: EventTarget }).navigation
  const observer = navigation ? undefined : new MutationObserver(() => check())
  observer?.observe(document, { childList: true, subtree: true, attributes: true, characterData: true })
  const unbind = [listen(window, 'popstate', () => check()), navigation && listen(navigation, 'currententrychange', () => check())]
  return {
    announce: () => check(true),
    unbind() {
      observer?.disconnect()
      unbind.forEach((off) => off?.())
    }
  }
}
