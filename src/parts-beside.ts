import { lazy } from './lazy'
import type * as Remote from './config/load-remote-surveys'
import type * as Send from './queue/index'
import type * as Ui from './ui/index'

// The script-tag core's parts: `sayso.<part>.js` from beside the script itself, so that
// a CSP allowing the script allows them too.
const beside = (part: string) => import(/* @vite-ignore */ new URL(`sayso.${part}.js`, import.meta.url).href)

export const loadUi = lazy((): Promise<typeof Ui> => beside('ui'))
export const loadSend = lazy((): Promise<typeof Send> => beside('send'))
export const loadRemote = lazy((): Promise<typeof Remote> => beside('remote'))
