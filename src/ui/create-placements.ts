/** An inline survey drawn in its element, and how the visitor is getting on with it. */
export interface Placed {
  host: HTMLElement
  remove(): void
  /** A score is chosen and the follow-up still open: a new page view leaves the survey be. */
  answering(): boolean
}

interface Placement {
  selector: string
  /** Draws the survey in an element; undefined when it may not show (answered on this page). */
  draw: (element: Element) => Placed | undefined
  placed?: Placed
}

export interface Placements {
  /**
   * Draws a survey inside the first element `selector` finds, now or once one appears, and again
   * in another one after its element goes, until it may no longer show. A survey placed already
   * stays as it is.
   */
  place(id: string, selector: string, draw: Placement['draw']): void
  /** Takes a survey out of the page for this page view: its thank-you has closed. */
  end(id: string): void
  /** A new page view: every survey goes but one the visitor is answering. */
  page(): void
  close(): void
}

/**
 * The inline surveys of the page view, each drawn in the page's own element. Without polling:
 * every change of the page's DOM is the moment to look for an element that has appeared, and
 * for one that has gone (a single-page app drawing another route).
 */
export const createPlacements = (): Placements => {
  const placements = new Map<string, Placement>()
  let closed = false
  const look = () => {
    for (const [id, placement] of placements) {
      const { placed } = placement
      // Gone with its element, or taken out of it by the page.
      if (placed && !placed.host.parentElement?.isConnected) {
        placed.remove()
        placement.placed = undefined
      }
      if (placement.placed) continue
      const element = document.querySelector(placement.selector)
      if (!element) continue
      placement.placed = placement.draw(element)
      if (!placement.placed) end(id)
    }
  }
  const observer = new MutationObserver(look)
  const end = (id: string) => {
    placements.get(id)?.placed?.remove()
    placements.delete(id)
    if (!placements.size) observer.disconnect()
  }
  return {
    place(id, selector, draw) {
      if (closed || placements.has(id)) return
      if (!placements.size) observer.observe(document, { childList: true, subtree: true })
      placements.set(id, { selector, draw })
      look()
    },
    end,
    page() {
      for (const [id, { placed }] of placements) if (!placed?.answering()) end(id)
    },
    close() {
      closed = true
      for (const id of placements.keys()) end(id)
    }
  }
}
