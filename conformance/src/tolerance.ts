import type { Capabilities } from '@layerwise/api';

/** |actual - expected| <= atol + rtol * |expected|, element-wise. */
export interface Tolerance {
  /** Relative part: the allowed error grows by `rtol` times |expected|. */
  readonly rtol: number;
  /** Absolute part: the error allowed even where expected is 0. */
  readonly atol: number;
}

/**
 * Named tolerance profiles (after Burn's strict/balanced/permissive), chosen per case:
 * - `exact`: bit-for-bit; layout, selection, comparisons, floor/ceil/round, max/min.
 * - `strict`: one correctly rounded float32 operation (add, mul, div, sqrt, ...).
 * - `balanced`: transcendental functions and short accumulations (sums, matmul, conv).
 * - `permissive`: functions GPUs approximate loosely (sin/cos, erf, pow) and long chains.
 * int32 and bool results are always compared exactly, whatever the case names.
 */
export type ToleranceName = 'exact' | 'strict' | 'balanced' | 'permissive';

/** Every profile name, strictest first. */
export const TOLERANCE_NAMES: readonly ToleranceName[] = ['exact', 'strict', 'balanced', 'permissive'];

/** A backend's float precision, as its `capabilities.precision` states it ('float32' today). */
export type Precision = Capabilities['precision'];

/** One profile table per backend precision (only float32 exists today). */
export const TOLERANCES: Record<Precision, Record<ToleranceName, Tolerance>> = {
  float32: {
    exact: { rtol: 0, atol: 0 },
    strict: { rtol: 1e-6, atol: 1e-6 },
    balanced: { rtol: 1e-4, atol: 1e-5 },
    permissive: { rtol: 1e-3, atol: 1e-3 },
  },
};

/** The rtol/atol of profile `name` at `precision` (see TOLERANCES); throws for a precision without profiles. */
export function toleranceFor(name: ToleranceName, precision: Precision): Tolerance {
  const table = TOLERANCES[precision];
  if (!table) throw new Error(`toleranceFor: no tolerance profiles for precision '${precision}'`);
  return table[name];
}

/** What `compareValues` found. */
export interface Comparison {
  /** Whether every element matched (lengths equal, NaN/infinities alike, finite values within tolerance). */
  readonly ok: boolean;
  /** Largest |actual - expected| over finite pairs; Infinity when the lengths differ. */
  readonly maxAbsError: number;
  /** Largest |actual - expected| / |expected| over finite pairs (Infinity where an expected 0 met a nonzero value, or the lengths differ). */
  readonly maxRelError: number;
  /** The first mismatch, described for a failure message; empty when ok. */
  readonly message: string;
}

/** A number as a failure message shows it: -0 written as such. */
function show(v: number): string {
  return Object.is(v, -0) ? '-0' : String(v);
}

/** Options of `compareValues`. */
export interface CompareOptions {
  /**
   * An expected zero must meet a zero of the same sign (-0 vs +0), for cases built to check
   * where IEEE 754 keeps -0. Off by default: elsewhere a zero's sign is not part of the spec.
   */
  readonly signedZeros?: boolean;
}

/**
 * Compares `actual` with `expected` element by element. NaN must meet NaN (NaN == NaN is a
 * match here, NaN vs a number a mismatch) and an infinity the same infinity; a finite
 * expected value must meet a finite value within `tolerance`. Error maxima are over finite
 * pairs only.
 */
export function compareValues(actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance: Tolerance,
  options: CompareOptions = {}): Comparison {
  if (actual.length !== expected.length) {
    return { ok: false, maxAbsError: Infinity, maxRelError: Infinity, message: `length ${actual.length}, expected ${expected.length}` };
  }
  let maxAbsError = 0;
  let maxRelError = 0;
  let mismatches = 0;
  let first = '';
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i];
    const e = expected[i];
    let ok: boolean;
    if (Number.isNaN(e) || !Number.isFinite(e)) {
      ok = Object.is(a, e) || (Number.isNaN(e) && Number.isNaN(a));
    } else if (!Number.isFinite(a)) {
      ok = false;
    } else {
      const abs = Math.abs(a - e);
      const rel = e === 0 ? (abs === 0 ? 0 : Infinity) : abs / Math.abs(e);
      maxAbsError = Math.max(maxAbsError, abs);
      maxRelError = Math.max(maxRelError, rel);
      ok = abs <= tolerance.atol + tolerance.rtol * Math.abs(e);
      if (ok && options.signedZeros && a === 0 && e === 0) ok = Object.is(a, e);
    }
    if (!ok) {
      if (mismatches === 0) first = `element ${i}: got ${show(a)}, expected ${show(e)}`;
      mismatches++;
    }
  }
  const message = mismatches === 0 ? '' : `${mismatches} of ${expected.length} elements differ (rtol ${tolerance.rtol}, atol ${tolerance.atol}); first at ${first}`;
  return { ok: mismatches === 0, maxAbsError, maxRelError, message };
}
