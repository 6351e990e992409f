// Finding an element as a screen reader names it, the same way in every engine: these
// functions run in the page (each driver sends them as text), so each carries all it needs.

import type { Role } from './driver'

export interface RoleQuery {
  role: Role
  /** The accessible name: the whole of it, or a pattern (sent as its source and flags). */
  name: string | { source: string; flags: string }
}

/**
 * The visible elements with a role, in the page and every open shadow root, each with its
 * accessible name (aria-labelledby, aria-label, a label, else its text) — enough of the
 * accessible-name rules for the pages sayso draws on.
 */
export function elementsWithRole(role: Role): { element: Element; name: string }[] {
  const implied: Record<string, string> = {
    button: 'button, input[type=button], input[type=submit], input[type=reset]',
    checkbox: 'input[type=checkbox]',
    dialog: 'dialog',
    form: 'form[aria-label], form[aria-labelledby]',
    heading: 'h1, h2, h3, h4, h5, h6',
    link: 'a[href]',
    radio: 'input[type=radio]',
    textbox: 'textarea, input:not([type]), input[type=text], input[type=email], input[type=search], input[type=url], input[type=tel]',
    combobox: 'select'
  }
  const clean = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim()
  const nameOf = (element: Element): string => {
    const root = element.getRootNode() as Document | ShadowRoot
    const labelledBy = element.getAttribute('aria-labelledby')
    if (labelledBy) return clean(labelledBy.split(/\s+/).map((id) => root.getElementById(id)?.textContent).join(' '))
    const label = element.getAttribute('aria-label')
    if (label) return clean(label)
    const labels = (element as HTMLInputElement).labels
    if (labels?.length) return clean([...labels].map((one) => one.textContent).join(' '))
    return role === 'dialog' || role === 'form' || role === 'textbox' || role === 'combobox' ? '' : clean(element.textContent)
  }
  const visible = (element: Element) => element.getClientRects().length > 0 && getComputedStyle(element).visibility !== 'hidden'
  const found: { element: Element; name: string }[] = []
  const visit = (root: Document | ShadowRoot) => {
    for (const element of root.querySelectorAll('*')) {
      const explicit = element.getAttribute('role')
      if ((explicit ? explicit === role : element.matches(implied[role])) && visible(element)) found.push({ element, name: nameOf(element) })
      if (element.shadowRoot) visit(element.shadowRoot)
    }
  }
  visit(document)
  return found
}

/** The first element of `elementsWithRole` whose name is the one asked for, or null. */
export const findScript = `(query) => {
  const list = (${elementsWithRole.toString()})(query.role)
  const wanted = typeof query.name === 'string' ? null : new RegExp(query.name.source, query.name.flags)
  const hit = list.find((one) => (wanted ? wanted.test(one.name) : one.name === query.name))
  return hit ? hit.element : null
}`

/** The names of the visible elements with a role, for a failure message. */
export const namesScript = `(role) => (${elementsWithRole.toString()})(role).map((one) => one.name)`

export const toQuery = (role: Role, name: string | RegExp): RoleQuery => ({
  role,
  name: typeof name === 'string' ? name : { source: name.source, flags: name.flags }
})

export const describeQuery = (role: Role, name: string | RegExp) => `a ${role} named ${typeof name === 'string' ? JSON.stringify(name) : name}`
