import { lazy } from './lazy'
import type * as Remote from './config/load-remote-surveys'
import type * as Send from './queue/index'
import type * as Ui from './ui/index'

// The parts of sayso that a page view loads only when it needs them. For npm users each
// is a chunk of its own that their bundler splits off; the script-tag core loads them
// from beside itself (parts-beside.ts).

/** Draws surveys: Preact, the components, the styles, English. When a survey is on its way. */
export const loadUi = lazy((): Promise<typeof Ui> => import('./ui/index'))
/** Sends answers: the outbox and the fetch transport. When a survey is on its way, answers wait, or on flush(). */
export const loadSend = lazy((): Promise<typeof Send> => import('./queue/index'))
/** Fetches surveys from `configUrl`. */
export const loadRemote = lazy((): Promise<typeof Remote> => import('./config/load-remote-surveys'))
