const head = (title: string, extra = '') => `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <link rel="icon" href="data:," />
    <title>${title}</title>
    <link rel="stylesheet" href="/link/link.css" />${extra}
  </head>`

/** The page of a link survey: the survey as JSON in a script element the browser never runs, then sayso. */
export const linkPage = (survey: unknown) => {
  // "<" escaped, so that no text of the survey can end the element.
  const data = JSON.stringify(survey).replace(/</g, '\\u003c')
  return `${head(
    'Your feedback',
    `
    <script type="application/json" id="survey">${data}</script>
    <script src="/link/link.js" defer></script>
    <script src="/sayso.js" defer></script>`
  )}
  <body>
    <main>
      <h1>Your feedback</h1>
      <p id="status" role="status">One question, a few seconds.</p>
      <noscript>This survey needs JavaScript.</noscript>
    </main>
  </body>
</html>
`
}

/** The page of a link whose signature is missing or wrong: no script, so nothing can be answered or stored. */
export const invalidLinkPage = () => `${head('This link is not valid')}
  <body>
    <main>
      <h1>This link is not valid</h1>
      <p>It may have been cut or changed on its way. Open it again from the message it came in.</p>
    </main>
  </body>
</html>
`
