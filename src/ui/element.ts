type Attributes = Record<string, string | undefined>

const add = <E extends Element>(node: E, attributes: Attributes, children: (Node | string)[]) => {
  for (const [name, value] of Object.entries(attributes)) if (value !== undefined) node.setAttribute(name, value)
  node.append(...children)
  return node
}

/**
 * An HTML element with its attributes (those `undefined` left out) and children; strings
 * become text nodes, never markup. The widget draws its few steps with this, without a
 * rendering library: nothing to diff, nothing to compile before the first frame.
 *
 * @example
 * element('h2', { id: 'sayso-title', class: 'question' }, [view.question])
 */
export const element = <Tag extends keyof HTMLElementTagNameMap>(tag: Tag, attributes: Attributes = {}, children: (Node | string)[] = []) =>
  add(document.createElement(tag), attributes, children)

/** The same for the SVG elements of the icons. */
export const svgElement = <Tag extends keyof SVGElementTagNameMap>(tag: Tag, attributes: Attributes = {}, children: Node[] = []) =>
  add(document.createElementNS('http://www.w3.org/2000/svg', tag), attributes, children)
