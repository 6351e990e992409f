// How each part is fetched is the build's choice (src/parts.json, scripts/parts-plugin.mjs):
// a chunk of the app's bundler for npm users, the file beside the script for the script tag.
import { importPart, type Parts } from 'sayso:parts'

export type PartName = keyof Parts
export type Part<Name extends PartName> = Parts[Name]

// Each part once it is there, or the promise of it while it is on its way.
const loaded: { [Name in PartName]?: Part<Name> | Promise<Part<Name>> } = {}

/**
 * A part of sayso, loaded on first need: the part itself once it is there (so that what
 * uses it goes on at once, in the same task), else a promise of it. A failed load is tried
 * again on the next call.
 */
export const loadPart = <Name extends PartName>(name: Name): Part<Name> | Promise<Part<Name>> =>
  ((loaded[name] as Part<Name> | Promise<Part<Name>> | undefined) ??= importPart(name).then(
    (part) => ((loaded[name] as Part<Name>) = part),
    (error) => {
      loaded[name] = undefined
      throw error
    }
  ))
