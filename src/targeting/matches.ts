import type { Condition } from '../types'

type Test = (value: unknown, argument: never) => boolean
const isNumber = (value: unknown): value is number => typeof value == 'number'
/** The operators a condition may use, by name. */
export const tests: Record<string, Test> = {
  equals: (value, argument) => value === argument,
  in: (value, argument: unknown[]) => argument.includes(value),
  gt: (value, argument: number) => isNumber(value) && value > argument,
  gte: (value, argument: number) => isNumber(value) && value >= argument,
  lt: (value, argument: number) => isNumber(value) && value < argument,
  lte: (value, argument: number) => isNumber(value) && value <= argument,
  exists: (value, argument: boolean) => (value != null) == argument
}

/** Whether a value meets a condition: a plain value means "equals". */
const matchesCondition = (condition: Condition, value: unknown): boolean =>
  condition && typeof condition == 'object'
    ? Object.entries(condition).every(([name, argument]) => tests[name](value, argument as never))
    : value === condition

/** Whether every named condition holds for the values. */
export const matches = (conditions: Record<string, Condition> | undefined, values: Record<string, unknown> = {}) =>
  !conditions || Object.entries(conditions).every(([key, condition]) => matchesCondition(condition, values[key]))
