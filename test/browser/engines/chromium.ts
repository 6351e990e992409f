import { launch } from '../harness'
import { defaultViewport, defaultWaitMs, type Context, type Engine } from './driver'
import { pageTab, type PageLike } from './page-tab'

// Debian's Chromium through playwright-core, with the harness's flags.

export const launchChromium = async (): Promise<Engine> => {
  const browser = await launch()
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
