import { renderToString } from 'react-dom/server'
import { App } from './app'

/** The page as the server sends it: the app rendered to HTML, and the client script that hydrates it. */
export const render = (product: string, clientScript: string) => `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <link rel="icon" href="data:," />
    <title>${product}</title>
  </head>
  <body>
    <div id="root">${renderToString(<App product={product} />)}</div>
    <script type="module" src="${clientScript}"></script>
  </body>
</html>`
