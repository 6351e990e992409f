// `npm run demo`: the collector with the demo's pages, the network trouble switch and open
// reading around it; the same settings as `npm start`.
import { signedLink } from '../../collector/link/sign-link'
import { runCollector } from '../../collector/run-collector'
import { createDemoServer } from './create-demo-server'

await runCollector({
  server: (options) => createDemoServer(options),
  banner: ({ publicUrl: at, linkSecret }) => [
    `demo storefront  ${at}/`,
    `single-page app  ${at}/spa/`,
    `zero-code page   ${at}/zero-code`,
    `link survey      ${linkSecret ? signedLink(at, linkSecret, 'nps-checkout', { score: 9 }) : `${at}/s/nps-checkout?score=9`}`,
    `dashboard        ${at}/dashboard (open to all in the demo)`,
    `scores           ${at}/api/summary`
  ]
})
