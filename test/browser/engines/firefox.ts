import puppeteer, { type Page } from 'puppeteer-core'
import { defaultViewport, defaultWaitMs, type Context, type Engine } from './driver'
import { pageTab, type PageLike } from './page-tab'

// Debian's Firefox ESR through puppeteer-core over WebDriver BiDi (README, "Browsers"): the one
// launched for the run, in a BiDi session of this file's own, ended when the engine closes.

export const connectFirefox = async (endpoint: string): Promise<Engine> => {
  const browser = await puppeteer.connect({ browserWSEndpoint: endpoint, protocol: 'webDriverBiDi' })
  return {
    name: 'firefox',
    async newContext() {
      const context = await browser.createBrowserContext()
      // BiDi takes one tab at a time off the network: this profile's tabs, and those opened later.
      const pages: Page[] = []
      let offline = false
      const opened: Context = {
        async open(url, viewport = defaultViewport) {
          const page = await context.newPage()
          pages.push(page)
          page.setDefaultTimeout(defaultWaitMs)
          // Set on each tab: defaultViewport misses the first one (README, "Browsers").
          await page.setViewport(viewport)
          if (offline) await page.setOfflineMode(true)
          await page.goto(url)
          return pageTab(page as unknown as PageLike, { Space: ' ' })
        },
        async setOffline(value) {
          offline = value
          for (const page of pages) if (!page.isClosed()) await page.setOfflineMode(value)
        },
        close: () => context.close()
      }
      return opened
    },
    close: () => browser.disconnect()
  }
}
