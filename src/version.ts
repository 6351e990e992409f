declare const __SAYSO_VERSION__: string

/** The package version, written in at build time. */
export const version: string = __SAYSO_VERSION__
