import { notLoaded } from './messages'

/**
 * Imports a file from beside the running script (…/sayso.js → …/sayso.ui.<hash>.js,
 * …/i18n/pl.<hash>.js), so that a page whose CSP allows the script allows the file too. In the
 * IIFE builds the bundler turns `import.meta.url` into the address of the running script.
 * A failed import says which file, and, for a file on another origin, what it needs: the
 * browser's own message tells neither (WebKit's: "Importing a module script failed.").
 */
export const importBeside = (path: string) => {
  const url = new URL(path, import.meta.url)
  return import(/* @vite-ignore */ url.href).catch((error) => {
    throw new Error(notLoaded(url, error))
  })
}
