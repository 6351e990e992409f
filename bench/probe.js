// Runs in every bench page before its own scripts (Playwright's addInitScript): the long tasks,
// the moment a candidate says it is ready, and the frame in which a survey is first on screen.
// Plain JavaScript, so that no compiler helper leaks into the page.
;(() => {
  const longTasks = []
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longTasks.push({ start: entry.startTime, duration: entry.duration })
  }).observe({ type: 'longtask', buffered: true })

  let markReady
  const whenReady = new Promise((done) => (markReady = () => done(performance.now())))

  // On screen: a box inside the viewport, not hidden, and not fully transparent, counting the
  // opacity of every ancestor across shadow roots (an entry animation from opacity 0 shows nothing).
  const onScreen = (element) => {
    const box = element.getBoundingClientRect()
    if (box.width < 1 || box.height < 1 || box.bottom <= 0 || box.right <= 0 || box.top >= innerHeight || box.left >= innerWidth) return false
    if (getComputedStyle(element).visibility !== 'visible') return false
    for (let node = element; node; node = node.parentElement ?? node.getRootNode().host) {
      if (Number(getComputedStyle(node).opacity) === 0) return false
    }
    return true
  }

  // A ResizeObserver's first notice comes in the rendering of the current frame, after its
  // animation-frame callbacks, style and layout: what it sees is what this frame paints. The
  // timer it sets runs once the frame is painted.
  const afterFrameShowing = (find, done) => {
    const frame = () => {
      const observer = new ResizeObserver(() => {
        observer.disconnect()
        const element = find()
        if (element && onScreen(element)) setTimeout(() => done(performance.now()))
        else requestAnimationFrame(frame)
      })
      observer.observe(document.documentElement)
    }
    frame()
  }

  window.__bench = {
    longTasks,
    /** Called by a candidate's page when it can open a survey. */
    ready: () => markReady(),
    /** When the candidate was ready, in ms since navigation started. */
    whenReady,
    /**
     * Opens a survey at the start of a frame (so that every candidate starts at the same point
     * of the frame) and gives the ms from the call to the end of the frame that shows it.
     */
    openToVisible: (open, find) =>
      new Promise((done) =>
        requestAnimationFrame(() => {
          const start = performance.mark('bench:call').startTime
          open()
          afterFrameShowing(find, (end) => {
            performance.mark('bench:visible', { startTime: end })
            done(end - start)
          })
        })
      ),
    /** The end of the first frame that shows what `find` returns, in ms since navigation started. */
    visible: (find) =>
      new Promise((done) => {
        const start = () =>
          afterFrameShowing(find, (end) => {
            performance.mark('bench:visible', { startTime: end })
            done(end)
          })
        if (document.documentElement) start()
        else requestAnimationFrame(start)
      })
  }
})()
