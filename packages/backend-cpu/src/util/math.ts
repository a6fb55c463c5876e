/** Round half to even (banker's rounding), as numpy and TensorFlow do. */
export function roundHalfEven(x: number): number {
  const f = Math.floor(x);
  const d = x - f;
  const r = d > 0.5 ? f + 1 : d < 0.5 ? f : f % 2 === 0 ? f : f + 1;
  // Keep the sign of zero, as numpy does: round(-0.4) is -0.
  return r === 0 ? 0 * x : r;
}

const TWO_OVER_SQRT_PI = 1.1283791670955126;

/**
 * C's pow, which NumPy and TensorFlow follow, where JavaScript's Math.pow differs:
 * pow(1, y) = 1 for every y (NaN included) and pow(-1, +-Infinity) = 1.
 */
export function powC(x: number, y: number): number {
  if (x === 1 || (x === -1 && (y === Infinity || y === -Infinity))) return 1;
  return Math.pow(x, y);
}

/** Error function to double precision well beyond float32's needs. */
export function erf(x: number): number {
  // NaN stays NaN and -0 stays -0 (erf is odd).
  if (x !== x || x === 0) return x;
  const ax = Math.abs(x);
  if (ax >= 6) return x > 0 ? 1 : -1;
  let r: number;
  if (ax < 2.5) {
    // Maclaurin series: erf(x) = 2/sqrt(pi) * sum (-1)^n x^(2n+1) / (n! (2n+1)).
    const x2 = ax * ax;
    let term = ax;
    let sum = ax;
    for (let n = 1; n < 100; n++) {
      term *= -x2 / n;
      const add = term / (2 * n + 1);
      sum += add;
      if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
    }
    r = TWO_OVER_SQRT_PI * sum;
  } else {
    // Continued fraction for erfc, evaluated bottom-up.
    let f = ax;
    for (let n = 60; n >= 1; n--) f = ax + (n / 2) / f;
    r = 1 - Math.exp(-ax * ax) / (f * Math.sqrt(Math.PI));
  }
  return x < 0 ? -r : r;
}
