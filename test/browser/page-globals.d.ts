// What the test pages keep for the tests (test/browser/pages/page-errors.js, snippet-page.ts).
declare global {
  interface Window {
    testPage: { pageErrors: string[]; saysoErrors: string[] }
    events: { name: string; payload: unknown }[]
  }
}
export {}
