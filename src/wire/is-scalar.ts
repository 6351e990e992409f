import type { Scalar } from './answer'

/** A value that travels as JSON as it is: a string, a finite number, true, false or null. */
export const isScalar = (value: unknown): value is Scalar =>
  value === null || typeof value == 'string' || typeof value == 'boolean' || Number.isFinite(value)
