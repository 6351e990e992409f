import { chromium } from 'playwright-core'
import { defaultViewport, defaultWaitMs, type Context, type Engine } from './driver'
import { pageTab, type PageLike } from './page-tab'

// Debian's Chromium through playwright-core: the one launched for the run, reached over its
// WebSocket; closing the engine closes what this file opened in it.

export const connectChromium = async (endpoint: string): Promise<Engine> => {
  const browser = await chromium.connect(endpoint)
  return {
    name: 'chromium',
    async newContext() {
      const context = await browser.newContext({ viewport: defaultViewport })
      const opened: Context = {
        async open(url, viewport = defaultViewport) {
          const page = await context.newPage()
          page.setDefaultTimeout(defaultWaitMs)
          await page.setViewportSize(viewport)
          await page.goto(url)
          return pageTab(page as unknown as PageLike)
        },
        setOffline: (offline) => context.setOffline(offline),
        close: () => context.close()
      }
      return opened
    },
    close: () => browser.close()
  }
}
