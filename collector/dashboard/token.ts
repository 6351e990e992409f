import { atom } from 'nanostores'

// The dashboard token arrives in the address's fragment (/dashboard#token=…, as the collector
// prints it), which no server and no log sees, or from the token form; it is kept for the tab
// and sent as `Authorization: Bearer`, the only place the collector reads it from.
const key = 'sayso:token'

const stored = () => {
  try {
    return sessionStorage.getItem(key) ?? ''
  } catch {
    return ''
  }
}

const fromAddress = new URLSearchParams(location.hash.slice(1)).get('token')

export const $token = atom(fromAddress ?? stored())

$token.subscribe((token) => {
  try {
    if (token) sessionStorage.setItem(key, token)
  } catch {
    // Without storage the token lasts until the page is left; the form asks again then.
  }
})
