import type { BinaryOp } from '@layerwise/api';
import type { Info, Runtime } from '../runtime.js';
import { sizeOf } from '../runtime.js';
import { broadcastTo } from '../util/broadcast.js';
import { highRankBinary, XNN_MAX_RANK } from './high-rank.js';

const KERNELS: Record<BinaryOp, string> = {
  add: 'Add', sub: 'Sub', mul: 'Multiply', div: 'RealDiv', pow: 'Pow', maximum: 'Maximum', minimum: 'Minimum',
  floorDiv: 'FloorDiv', mod: 'Mod',
  equal: 'Equal', notEqual: 'NotEqual', less: 'Less', lessEqual: 'LessEqual', greater: 'Greater', greaterEqual: 'GreaterEqual',
  logicalAnd: 'LogicalAnd', logicalOr: 'LogicalOr',
};

/** Broadcasting binary ops, on tfjs's broadcasting wasm kernels. */
export function binary(rt: Runtime, op: BinaryOp, a: Info, b: Info, outShape: readonly number[]): Info {
  if (sizeOf(outShape) === 0) return rt.empty(outShape, isBoolResult(op) ? 'bool' : a.dtype);
  if (outShape.length > XNN_MAX_RANK) return highRankBinary(rt, a, b, outShape, (r, x, y, s) => binary(r, op, x, y, s));
  const withScalar = againstScalar(rt, op, a, b, outShape);
  if (withScalar) return withScalar;
  if (a.dtype === 'float32' && (op === 'maximum' || op === 'minimum')) return minMax(rt, op, a, b, outShape);
  if (a.dtype === 'float32' && op === 'mod') return floatMod(rt, a, b, outShape);
  if (a.dtype === 'int32' && (op === 'div' || op === 'floorDiv' || op === 'mod')) return intDivision(rt, op, a, b, outShape);
  if (isBoolResult(op) && a.dtype !== 'bool' && (needsWidening(a, outShape) || needsWidening(b, outShape))) {
    return rt.scoped((keep) => rt.run(KERNELS[op], { a: widen(rt, a, outShape, keep), b: widen(rt, b, outShape, keep) }));
  }
  return rt.run(KERNELS[op], { a, b });
}

/** [x < s, x > s, x == s, negate] for `x op s` (see kernels.wat compare_scalar). */
const COMPARE_FLAGS: Partial<Record<BinaryOp, [number, number, number, number]>> = {
  less: [1, 0, 0, 0], lessEqual: [1, 0, 1, 0], greater: [0, 1, 0, 0], greaterEqual: [0, 1, 1, 0],
  equal: [0, 0, 1, 0], notEqual: [0, 0, 1, 1],
};
/** `s op x` is `x flipped(op) s`. */
const FLIPPED: Partial<Record<BinaryOp, BinaryOp>> = {
  less: 'greater', lessEqual: 'greaterEqual', greater: 'less', greaterEqual: 'lessEqual', equal: 'equal', notEqual: 'notEqual',
  maximum: 'maximum', minimum: 'minimum',
};

/**
 * float32 maximum / minimum / comparisons of a tensor with a one-element operand, in
 * kernels.wat: tfjs takes ~4.5 ns a float for these (an LSTM's hard-sigmoid gates and their
 * gradients are made of them), its add / mul against a scalar are fast already. Null where
 * this does not apply (other ops or dtypes, a broadcast beyond the scalar).
 */
function againstScalar(rt: Runtime, op: BinaryOp, a: Info, b: Info, outShape: readonly number[]): Info | null {
  if (a.dtype !== 'float32' || !(op in FLIPPED)) return null;
  const n = sizeOf(outShape);
  let x: Info;
  let s: Info;
  let xop: BinaryOp;
  if (sizeOf(b.shape) === 1 && sizeOf(a.shape) === n) [x, s, xop] = [a, b, op];
  else if (sizeOf(a.shape) === 1 && sizeOf(b.shape) === n) [x, s, xop] = [b, a, FLIPPED[op]!];
  else return null;
  const value = (rt.heap(s) as Float32Array)[0];
  const flags = COMPARE_FLAGS[xop];
  const out = rt.empty(outShape, flags ? 'bool' : 'float32');
  if (flags) rt.simd.compare_scalar(rt.ptr(x), value, rt.ptr(out), n, ...flags);
  else rt.simd.minmax_scalar(xop === 'maximum' ? 0 : 1, rt.ptr(x), value, rt.ptr(out), n);
  return out;
}

/**
 * float32 maximum / minimum in kernels.wat (f32x4.max / min: NaN when either is NaN); tfjs's
 * Maximum / Minimum return a when b is NaN. Operands are stretched to the output first.
 */
function minMax(rt: Runtime, op: 'maximum' | 'minimum', a: Info, b: Info, outShape: readonly number[]): Info {
  return rt.scoped((keep) => {
    const x = broadcastTo(rt, a, outShape, keep);
    const y = broadcastTo(rt, b, outShape, keep);
    const out = rt.empty(outShape, 'float32');
    rt.simd.minmax(op === 'maximum' ? 0 : 1, rt.ptr(x), rt.ptr(y), rt.ptr(out), sizeOf(outShape));
    return out;
  });
}

/**
 * float32 mod, Python's %: C's fmod (JavaScript's %), plus b where the signs differ, in a
 * plain loop over the heap. tfjs's Mod gives NaN for an infinite divisor (mod(5, Infinity)
 * is 5, mod(-5, Infinity) Infinity). mod is rare in models; a loop costs no more than tfjs.
 */
function floatMod(rt: Runtime, a: Info, b: Info, outShape: readonly number[]): Info {
  return rt.scoped((keep) => {
    const x = broadcastTo(rt, a, outShape, keep);
    const y = broadcastTo(rt, b, outShape, keep);
    const out = rt.empty(outShape, 'float32');
    // Views after the last allocation (a heap growth detaches earlier ones).
    const xs = rt.heap(x), ys = rt.heap(y), os = rt.heap(out);
    for (let i = 0; i < os.length; i++) {
      const d = ys[i];
      const r = xs[i] % d;
      os[i] = r !== 0 && (r < 0) !== (d < 0) ? r + d : r;
    }
    return out;
  });
}

/**
 * tfjs's wasm comparisons broadcast a non-scalar operand ~17x slower than the arithmetic
 * kernels do (87 ms vs 5 ms for [346112, 4] against [346112, 1]); Tile is slow too. Widening
 * with an arithmetic broadcast, 0 + x, is exact for every value a comparison can see
 * (NaN, infinities; -0 only turns into +0, which compares equal).
 */
function needsWidening(t: Info, outShape: readonly number[]): boolean {
  return sizeOf(t.shape) > 1 && !(t.shape.length === outShape.length && t.shape.every((d, i) => d === outShape[i]));
}

function widen(rt: Runtime, t: Info, outShape: readonly number[], keep: <I extends Info>(t: I) => I): Info {
  if (!needsWidening(t, outShape)) return t;
  return keep(rt.run('Add', { a: keep(rt.fill(outShape, 0, t.dtype)), b: t }));
}

function isBoolResult(op: BinaryOp): boolean {
  return op === 'equal' || op === 'notEqual' || op === 'less' || op === 'lessEqual' || op === 'greater' ||
    op === 'greaterEqual' || op === 'logicalAnd' || op === 'logicalOr';
}

/**
 * int32 div / floorDiv / mod: the wasm kernels trap (i32.div_s) on a zero divisor and on
 * INT32_MIN / -1, so those divisors are replaced by 1 and their results set afterwards:
 * x / 0 = 0 (our semantics); x / -1 = -x (wrapping, as int32 storage does); x mod -1 = 0.
 * `div` is C++'s truncating division; floorDiv is that quotient less one where the remainder
 * is non-zero with the other sign than the divisor (tfjs's FloorDiv goes through float32 and
 * is off for large values); mod takes the divisor's sign.
 */
function intDivision(rt: Runtime, op: 'div' | 'floorDiv' | 'mod', a: Info, b: Info, outShape: readonly number[]): Info {
  return rt.scoped((keep) => {
    const zero = keep(rt.scalar(0, 'int32'));
    const minusOne = keep(rt.scalar(-1, 'int32'));
    const isZero = keep(rt.run('Equal', { a: b, b: zero }));
    const isMinusOne = keep(rt.run('Equal', { a: b, b: minusOne }));
    const special = keep(rt.run('LogicalOr', { a: isZero, b: isMinusOne }));
    const safe = keep(rt.run('Select', { condition: special, t: keep(rt.fill(b.shape, 1, 'int32')), e: b }));
    let quotient = keep(rt.run(op === 'mod' ? 'Mod' : 'RealDiv', { a, b: safe }));
    if (op === 'floorDiv') quotient = keep(floorFromTruncated(rt, keep, a, safe, quotient));
    const q = keep(broadcastTo(rt, quotient, outShape, keep));
    const byMinusOne = op === 'mod'
      ? keep(rt.fill(outShape, 0, 'int32'))
      // 0 - a, not Neg: tfjs's wasm Neg goes through float32 and rounds int32 beyond 2^24.
      : keep(broadcastTo(rt, keep(rt.run('Sub', { a: keep(rt.fill(a.shape, 0, 'int32')), b: a })), outShape, keep));
    const r1 = keep(rt.run('Select', { condition: broadcastTo(rt, isMinusOne, outShape, keep), t: byMinusOne, e: q }));
    return rt.run('Select', { condition: broadcastTo(rt, isZero, outShape, keep), t: keep(rt.fill(outShape, 0, 'int32')), e: r1 });
  });
}

/** q - 1 where a - q * b is non-zero and its sign differs from b's (q truncated toward zero). */
function floorFromTruncated(rt: Runtime, keep: <I extends Info>(t: I) => I, a: Info, b: Info, q: Info): Info {
  const zero = keep(rt.scalar(0, 'int32'));
  const rem = keep(rt.run('Sub', { a, b: keep(rt.run('Multiply', { a: q, b })) }));
  const inexact = keep(rt.run('NotEqual', { a: rem, b: zero }));
  const signsDiffer = keep(rt.run('NotEqual', { a: keep(rt.run('Less', { a: rem, b: zero })), b: keep(rt.run('Less', { a: b, b: zero })) }));
  const adjust = keep(rt.run('Cast', { x: keep(rt.run('LogicalAnd', { a: inexact, b: signsDiffer })) }, { dtype: 'int32' }));
  return rt.run('Sub', { a: q, b: adjust });
}
