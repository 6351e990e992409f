// How each browser is launched, in one place: once per run (launch-engines.ts), or by a file of its own.

/** Debian's Chromium, headless, with the flags that keep it off the network. */
export const chromiumOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync'
  ]
}

/** Debian's Firefox ESR, headless, driven over WebDriver BiDi (README, "Browsers"). */
export const firefoxOptions = {
  browser: 'firefox' as const,
  executablePath: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr',
  headless: true
}
