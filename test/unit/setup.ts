import { loadPart } from '../../src/load-part'

// The parts that sayso loads when it needs them are chunks. Loaded here once, they are there
// at once in every test, as they are on a page that has needed them before.
await Promise.all([loadPart('ui'), loadPart('outbox'), loadPart('remote')])
