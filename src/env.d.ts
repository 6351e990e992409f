declare module '*.css?inline' {
  const css: string
  export default css
}

// Made by the build from src/parts.json (scripts/parts-plugin.mjs): each part, and each
// language other than English, as a chunk of the app's bundler (npm) or as the file beside
// the running script (the script-tag builds).
declare module 'sayso:parts' {
  export interface Parts {
    ui: typeof import('./ui/index')
    outbox: typeof import('./outbox/index')
    remote: typeof import('./config/load-remote-surveys')
  }
  export const importPart: <Name extends keyof Parts>(name: Name) => Promise<Parts[Name]>
}

declare module 'sayso:languages' {
  /** The languages sayso speaks out of the box, English first: it is in every build. */
  export const languages: string[]
  export const importLanguage: (name: string) => Promise<{ default: import('./ui/texts/en').Texts }>
}
