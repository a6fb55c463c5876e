/** Scalar float64 helpers the reference needs and `Math` lacks. */

/**
 * erf(x) = 2/sqrt(pi) * exp(-x^2) * sum_{n>=0} 2^n x^(2n+1) / (1*3*...*(2n+1)).
 * Every term is positive, so the sum has no cancellation; for |x| >= 6, erf is +-1 in float64.
 */
export function erf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x >= 6) return 1;
  if (x <= -6) return -1;
  let term = x;
  let sum = x;
  for (let n = 1; n < 500; n++) {
    term *= (2 * x * x) / (2 * n + 1);
    sum += term;
    if (Math.abs(term) <= 1e-17 * Math.abs(sum)) break;
  }
  return (2 / Math.sqrt(Math.PI)) * Math.exp(-x * x) * sum;
}

/** Rounds half to even (banker's rounding); a negative number rounding to zero gives -0, as IEEE's roundToIntegral does. */
export function roundHalfToEven(x: number): number {
  if (!Number.isFinite(x)) return x;
  const lower = Math.floor(x);
  const diff = x - lower;
  const r = diff > 0.5 ? lower + 1 : diff < 0.5 ? lower : lower % 2 === 0 ? lower : lower + 1;
  return r === 0 && (x < 0 || Object.is(x, -0)) ? -0 : r;
}

/**
 * C's pow (IEEE 754 pow, as NumPy and TensorFlow compute it), where JavaScript's Math.pow
 * differs: pow(1, y) is 1 for every y (NaN included) and pow(-1, +-Infinity) is 1.
 */
export function powC(x: number, y: number): number {
  if (x === 1 || (x === -1 && (y === Infinity || y === -Infinity))) return 1;
  return Math.pow(x, y);
}

/** log(1 + exp(x)) without overflow: max(x, 0) + log1p(exp(-|x|)). */
export function softplus(x: number): number {
  return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
}

/** 1 / (1 + exp(-x)), written so that neither branch overflows. */
export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/** Remainder with the sign of the divisor (Python's %), for floats. */
export function floatMod(a: number, b: number): number {
  const r = a % b;
  return r !== 0 && (r < 0) !== (b < 0) ? r + b : r;
}
