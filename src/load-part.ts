// How each part is fetched is the build's choice (src/parts.json, scripts/parts-plugin.mjs):
// a chunk of the app's bundler for npm users, the file beside the script for the script tag.
import { importers } from 'sayso:parts'
import { lazy } from './lazy'

export type PartName = keyof typeof importers
export type Part<Name extends PartName> = Awaited<ReturnType<(typeof importers)[Name]>>

const loaders: Partial<Record<PartName, () => unknown>> = {}

/**
 * A part of sayso, loaded on first need: the part itself once it is there, else a promise
 * of it. A failed load is tried again on the next call.
 */
export const loadPart = <Name extends PartName>(name: Name): Part<Name> | Promise<Part<Name>> =>
  (loaders[name] ??= lazy(importers[name] as () => Promise<Part<Name>>))() as Part<Name> | Promise<Part<Name>>
