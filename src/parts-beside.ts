import { importBeside } from './import-beside'
import { lazy } from './lazy'
import type * as Remote from './config/load-remote-surveys'
import type * as Send from './queue/index'
import type * as Ui from './ui/index'

// The script-tag core's parts: `sayso.<part>.js` from beside the script itself.
const beside = (part: string) => importBeside(`sayso.${part}.js`)

export const loadUi = lazy((): Promise<typeof Ui> => beside('ui'))
export const loadSend = lazy((): Promise<typeof Send> => beside('send'))
export const loadRemote = lazy((): Promise<typeof Remote> => beside('remote'))
