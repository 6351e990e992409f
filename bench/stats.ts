// Medians and ranges: on two shared cores a single visit says little, the middle of several does.

export interface Spread {
  median: number
  min: number
  max: number
}

export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

export const spread = (values: number[]): Spread => ({ median: median(values), min: Math.min(...values), max: Math.max(...values) })

export const ms = (value: number) => `${value.toFixed(value < 10 ? 1 : 0)} ms`
export const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`

/** "12 ms (9–15 ms)": the median, then the range. */
export const show = ({ median, min, max }: Spread, unit: (value: number) => string = ms) => `${unit(median)} (${unit(min)} – ${unit(max)})`

/** How many times `value` is of `reference`: "0.42×". */
export const times = (value: number, reference: number) => `${(value / reference).toFixed(2)}×`

/** The rounds of a bench, each candidate once a round, in an order that moves by one each round. */
export const interleave = <T>(items: T[], rounds: number): T[][] =>
  Array.from({ length: rounds }, (_, round) => items.map((_, index) => items[(index + round) % items.length]))
