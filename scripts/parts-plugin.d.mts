import type { Plugin } from 'rollup'

export const root: string
export const manifest: {
  builds: Record<string, { what: string; budget: string }>
  parts: Record<string, { entry: string; what: string; loadedWhen: string; budget: string; npmBudget?: string }>
  languages: { folder: string; what: string; loadedWhen: string; names: string[]; budget: string; allBudget: string }
}
export const partsPlugin: (how: {
  parts: 'chunks' | 'beside'
  languages: 'chunks' | 'beside'
  files?: () => Record<string, string>
}) => Plugin
