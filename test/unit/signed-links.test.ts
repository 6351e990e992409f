// @vitest-environment node
import { execFile } from 'node:child_process'
import { createHmac, webcrypto } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import vm from 'node:vm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { linkSignature, signedLink } from '../../collector/link/sign-link'
import { root, startCollector, type RunningCollector } from './running-collector'

const SECRET = 'link-secret-0123456789'
const surveys = JSON.parse(readFileSync(join(root, 'surveys.json'), 'utf8')).surveys
// docs/collector.md's rule, written out here on its own.
const designSig = (surveyId: string, t = '', u = '') => createHmac('sha256', SECRET).update(`${surveyId}\n${t}\n${u}`).digest('hex').slice(0, 32)

let signing: RunningCollector
let open: RunningCollector
beforeAll(async () => {
  signing = await startCollector({ surveys, linkSecret: SECRET })
  open = await startCollector({ surveys })
})
afterAll(async () => {
  await signing.close()
  await open.close()
})

describe('the signature', () => {
  it('is the first 32 hex characters of HMAC-SHA256(LINK_SECRET, "<surveyId>\\n<t>\\n<u>"), absent parts empty', () => {
    expect(linkSignature(SECRET, 'nps-main', { t: 'mail-1', u: 'cust_1' })).toBe(designSig('nps-main', 'mail-1', 'cust_1'))
    expect(linkSignature(SECRET, 'nps-main', { u: 'cust_1' })).toBe(designSig('nps-main', '', 'cust_1'))
    expect(linkSignature(SECRET, 'nps-main', {})).toBe(designSig('nps-main'))
    expect(linkSignature(SECRET, 'nps-main', {})).toMatch(/^[0-9a-f]{32}$/)
  })
})

describe('a link survey with LINK_SECRET', () => {
  const page = async (collector: RunningCollector, query: string) => {
    const response = await fetch(`${collector.at}/s/nps-checkout?${query}`)
    return { status: response.status, text: await response.text() }
  }

  it('shows the survey for a signed link, whatever score it carries', async () => {
    const sig = designSig('nps-checkout', 'mail-7f3a', 'cust_1')
    for (const score of ['', 'score=0&', 'score=10&']) {
      const { status, text } = await page(signing, `${score}t=mail-7f3a&u=cust_1&order=A-1001&sig=${sig}`)
      expect([score, status]).toEqual([score, 200])
      expect(text).toContain('<script src="/link/link.js" defer></script>')
    }
  })

  it.each([
    ['no sig', 'u=cust_1&t=mail-7f3a'],
    ['a sig of another person', `u=cust_2&t=mail-7f3a&sig=${designSig('nps-checkout', 'mail-7f3a', 'cust_1')}`],
    ['a sig of another survey', `u=cust_1&t=mail-7f3a&sig=${designSig('nps-main', 'mail-7f3a', 'cust_1')}`],
    ['a sig without its token', `u=cust_1&sig=${designSig('nps-checkout', 'mail-7f3a', 'cust_1')}`],
    ['a second u', `u=cust_1&t=mail-7f3a&sig=${designSig('nps-checkout', 'mail-7f3a', 'cust_1')}&u=cust_2`],
    ['a sig cut short', `u=cust_1&t=mail-7f3a&sig=${designSig('nps-checkout', 'mail-7f3a', 'cust_1').slice(0, 31)}`],
    ['garbage', 'sig=%E0%A4%A&u=%00']
  ])('says "This link is not valid" (403) for %s, with no script that could store anything', async (_, query) => {
    const { status, text } = await page(signing, query)
    expect(status).toBe(403)
    expect(text).toContain('<h1>This link is not valid</h1>')
    expect(text).not.toMatch(/<script/i)
    expect(text).not.toContain('cust_1')
  })

  it('still needs no sig where no LINK_SECRET is set', async () => {
    expect((await page(open, 'u=cust_1&t=mail-7f3a')).status).toBe(200)
  })
})

describe('the answer of a signed link', () => {
  // link.js in a page of its own: what it shows, and under which answer id.
  const openLink = async (query: string) => {
    const shown: unknown[][] = []
    const page: Record<string, unknown> = {
      location: { search: `?${query}` },
      document: { getElementById: (id: string) => (id === 'survey' ? { textContent: JSON.stringify({ id: 'nps-checkout', type: 'nps' }) } : { textContent: '' }) },
      localStorage: { getItem: () => 'visitor-1', setItem: () => {} },
      crypto: webcrypto,
      TextEncoder,
      URLSearchParams,
      setTimeout
    }
    page.window = page
    vm.runInNewContext(readFileSync(join(root, 'collector/link/link.js'), 'utf8'), page)
    for (let wait = 0; wait < 50 && !shown.length; wait++) {
      await new Promise((resume) => setTimeout(resume, 10))
      const queued = ((page.sayso as { q?: ArrayLike<unknown>[] }).q ?? []).map((call) => Array.from(call))
      shown.push(...queued.filter((call) => call[0] === 'show'))
    }
    return (shown[0]?.[2] as { answerId?: string })?.answerId
  }
  // How link.js made an answer's id before links were signed: anyone knowing the token or the person could.
  const guessable = async (text: string) => {
    const hex = Buffer.from(await webcrypto.subtle.digest('SHA-256', new TextEncoder().encode(text))).toString('hex')
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`
  }

  it('is the same each time the link opens, and cannot be worked out from the survey, token and person', async () => {
    const sig = designSig('nps-checkout', 'mail-7f3a', 'cust_1')
    const first = await openLink(`score=9&t=mail-7f3a&u=cust_1&sig=${sig}`)
    const again = await openLink(`score=3&t=mail-7f3a&u=cust_1&sig=${sig}`)
    expect(first).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/)
    expect(again).toBe(first)
    expect([await guessable('nps-checkout|mail-7f3a'), await guessable('nps-checkout|cust_1')]).not.toContain(first)
  })
})

describe('npm run link', () => {
  const run = promisify(execFile)
  const link = (args: string[], env: Record<string, string>) =>
    run(process.execPath, ['--import', 'tsx', 'collector/link/print-links.ts', ...args], { cwd: root, env: { ...process.env, PUBLIC_URL: signing.at, ...env } })

  it('prints the signed links of a survey: the one that opens at the scale, then the eleven scores of an NPS e-mail', async () => {
    const { stdout } = await link(['nps-checkout', 't=mail-9', 'u=cust_9', 'order=A-7'], { LINK_SECRET: SECRET })
    const links = stdout.trim().split('\n')
    expect(links).toHaveLength(12)
    expect(links.map((line) => new URL(line).searchParams.get('score'))).toEqual([null, ...Array.from({ length: 11 }, (_, score) => String(score))])
    for (const line of links) {
      expect(line.startsWith(`${signing.at}/s/nps-checkout?`)).toBe(true)
      expect(new URL(line).searchParams.get('sig')).toBe(designSig('nps-checkout', 'mail-9', 'cust_9'))
      expect(new URL(line).searchParams.get('order')).toBe('A-7')
      expect([line, (await fetch(line)).status]).toEqual([line, 200])
    }
  }, 20_000)

  it('prints the e-mail row with --html, and refuses to sign without LINK_SECRET', async () => {
    const { stdout } = await link(['csat-delivery', 'u=cust_9', '--html'], { LINK_SECRET: SECRET })
    expect(stdout.match(/<td><a href="[^"]+">\d<\/a><\/td>/g)).toHaveLength(5)
    expect(stdout).toContain(`&amp;sig=${designSig('csat-delivery', '', 'cust_9')}`)
    await expect(link(['nps-checkout', 'u=cust_9'], { LINK_SECRET: '' })).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('LINK_SECRET') })
  }, 20_000)

  it('makes the same links as signedLink', () => {
    expect(signedLink('https://f.example/', SECRET, 'nps-main', { score: 9, t: 'a b', u: 'ü' })).toBe(
      `https://f.example/s/nps-main?score=9&t=a+b&u=%C3%BC&sig=${designSig('nps-main', 'a b', 'ü')}`
    )
  })
})
