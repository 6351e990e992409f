/**
 * Imports a file from beside the running script (…/sayso.js → …/sayso.ui.<hash>.js,
 * …/i18n/pl.<hash>.js), so that a page whose CSP allows the script allows the file too. In the
 * IIFE builds the bundler turns `import.meta.url` into the address of the running script.
 */
export const importBeside = (path: string) => import(/* @vite-ignore */ new URL(path, import.meta.url).href)
