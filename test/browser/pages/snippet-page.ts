export interface SnippetPage {
  /** The configuration given to `init`: an object, or JavaScript for one (to hold a function). */
  config: object | string
  /** Calls after init, as JavaScript: `sayso('track', 'purchase')`. */
  calls?: string
  /** Where sayso comes from. */
  src?: string
  lang?: string
  /** More of the page's head, before the snippet: `<link>`s. */
  head?: string
  /** The page's own content. */
  body?: string
}

/**
 * A page with docs/embedding.md's snippet: the stub, `init` and calls queued before sayso loads,
 * then sayso itself, async. Events sayso emits are kept in `window.events` for the tests.
 */
export const snippetPage = ({ config, calls = '', src = '/sayso.js', lang = 'en', head = '', body = '<h1>A shop</h1>' }: SnippetPage) =>
  `<!doctype html><html lang="${lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,"><title>A test page</title>${head}
<script>
  window.sayso = window.sayso || function () { (window.sayso.q = window.sayso.q || []).push(arguments) };
  window.events = [];
  sayso('init', ${typeof config === 'string' ? config : JSON.stringify(config)});
  ['show', 'answer', 'submit', 'dismiss', 'action', 'sent'].forEach(function (name) {
    sayso('on', name, function (payload) { events.push({ name: name, payload: payload }) });
  });
  ${calls}
</script>
<script async src="${src}"></script></head><body>${body}</body></html>`
