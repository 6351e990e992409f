/** At most this many answers travel in one request; the collector refuses more. */
export const MAX_BATCH = 20
/** Comments are cut to this many characters. */
export const MAX_COMMENT = 4000
/** A request body may be at most this large; the collector answers 413 beyond. */
export const MAX_BODY_BYTES = 64 * 1024
/** An answer carries at most this many reasons (the values of the choices picked in a follow-up)… */
export const MAX_REASONS = 20
/** …each of at most this many characters. */
export const MAX_REASON = 100
