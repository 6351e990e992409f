// Student's t distribution, for the CES mean's confidence interval: the quantile found by
// bisection on the distribution function, which is the regularized incomplete beta function
// (continued fraction of Numerical Recipes, §6.4). Exact to far more digits than a margin shows.

/** ln Γ(x), Lanczos' approximation (g = 7, nine terms). */
const lnGamma = (x: number): number => {
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7]
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x)
  const shifted = x - 1
  let sum = c[0]
  for (let i = 1; i < 9; i++) sum += c[i] / (shifted + i)
  const t = shifted + 7.5
  return 0.5 * Math.log(2 * Math.PI) + (shifted + 0.5) * Math.log(t) - t + Math.log(sum)
}

/** The continued fraction of the incomplete beta function. */
const betaFraction = (a: number, b: number, x: number): number => {
  const tiny = 1e-300
  let c = 1
  let d = 1 - ((a + b) * x) / (a + 1)
  d = 1 / (Math.abs(d) < tiny ? tiny : d)
  let h = d
  for (let m = 1; m <= 300; m++) {
    const even = (m * (b - m) * x) / ((a + 2 * m - 1) * (a + 2 * m))
    d = 1 / (Math.abs(1 + even * d) < tiny ? tiny : 1 + even * d)
    c = Math.abs(1 + even / c) < tiny ? tiny : 1 + even / c
    h *= d * c
    const odd = (-(a + m) * (a + b + m) * x) / ((a + 2 * m) * (a + 2 * m + 1))
    d = 1 / (Math.abs(1 + odd * d) < tiny ? tiny : 1 + odd * d)
    c = Math.abs(1 + odd / c) < tiny ? tiny : 1 + odd / c
    const step = d * c
    h *= step
    if (Math.abs(step - 1) < 1e-14) break
  }
  return h
}

/** I_x(a, b), the regularized incomplete beta function. */
const incompleteBeta = (x: number, a: number, b: number): number => {
  if (x <= 0) return 0
  if (x >= 1) return 1
  const front = Math.exp(lnGamma(a + b) - lnGamma(a) - lnGamma(b) + a * Math.log(x) + b * Math.log(1 - x))
  return x < (a + 1) / (a + b + 2) ? (front * betaFraction(a, b, x)) / a : 1 - (front * betaFraction(b, a, 1 - x)) / b
}

/** P(T ≤ t) for Student's t with `df` degrees of freedom. */
export const tDistribution = (t: number, df: number): number => {
  const tail = 0.5 * incompleteBeta(df / (df + t * t), df / 2, 0.5)
  return t >= 0 ? 1 - tail : tail
}

/**
 * The t such that P(T ≤ t) = p, for 0.5 ≤ p < 1: `tQuantile(0.975, 9)` is 2.262, the factor of
 * a 95 % interval from ten values.
 */
export const tQuantile = (p: number, df: number): number => {
  let low = 0
  let high = 1
  while (tDistribution(high, df) < p) high *= 2
  for (let step = 0; step < 200 && high - low > 1e-12; step++) {
    const middle = (low + high) / 2
    if (tDistribution(middle, df) < p) low = middle
    else high = middle
  }
  return (low + high) / 2
}
