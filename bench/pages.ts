// The pages the bench visits: the storefront (bench/storefront.html) with one candidate's tag in
// its <head>, and the demo's zero-code page with either sayso build.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

const storefront = readFileSync(join(import.meta.dirname, 'storefront.html'), 'utf8')

/** The storefront with `head` where its <head> names the candidate, and `body` at the end of its body. */
export const storefrontPage = (head = '', body = '') => {
  if (!storefront.includes('<!-- candidate -->')) throw new Error('bench/storefront.html lost its <!-- candidate --> mark')
  return storefront.replace('<!-- candidate -->', head).replace('</body>', `${body}</body>`)
}

/** demo/zero-code.html, its one tag pointing at `build`, which tells the bench when it has run. */
export const zeroCodePage = (root: string, build: string) => {
  const page = readFileSync(join(root, 'demo/zero-code.html'), 'utf8')
  const tag = '<script async src="/sayso.js" data-endpoint'
  if (!page.includes(tag)) throw new Error(`demo/zero-code.html has no ${tag}…`)
  return page.replace(tag, `<script async src="/${build}" onload="__bench.ready()" data-endpoint`)
}
