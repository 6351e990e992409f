// The part of sayso that sends answers: the outbox, its storage and the built-in transport.
// The script-tag core and the npm entry load it when a survey is about to show, when
// answers from an earlier page view wait, or on flush().
export { openOutbox } from './open-outbox'
export type { Outbox } from './create-outbox'
