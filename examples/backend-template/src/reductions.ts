import type { ArgReduceOp, ReduceOp, TypedArray } from '@layerwise/api';
import { ravel, sizeOf, stridesOf, unravel } from './shape.js';
import { toDType, type HostTensor } from './storage.js';

/**
 * Reduces `axes` away: each input element is folded into the output element found by
 * dropping its reduced coordinates. Accumulates in float64, then stores in x's dtype.
 * max/min of nothing (an empty axis) give -Infinity/+Infinity.
 */
export function reduce(op: ReduceOp, x: HostTensor, axes: readonly number[]): TypedArray {
  const kept = x.shape.map((_, axis) => !axes.includes(axis));
  const outShape = x.shape.filter((_, axis) => kept[axis]);
  const outStrides = stridesOf(outShape);
  const acc = new Float64Array(sizeOf(outShape)).fill(op === 'sum' ? 0 : op === 'max' ? -Infinity : Infinity);
  for (let i = 0; i < x.data.length; i++) {
    const outIndex = unravel(i, x.shape).filter((_, axis) => kept[axis]);
    const o = ravel(outIndex, outStrides);
    const v = x.data[i];
    if (op === 'sum') acc[o] += v;
    else if (op === 'max') acc[o] = Math.max(acc[o], v); // Math.max propagates NaN
    else acc[o] = Math.min(acc[o], v);
  }
  return toDType(acc, x.dtype);
}

/** The index (int32) of the first max/min along `axis`, or of its first NaN; the result's shape drops `axis`. */
export function argReduce(op: ArgReduceOp, x: HostTensor, axis: number): TypedArray {
  const outer = sizeOf(x.shape.slice(0, axis));
  const length = x.shape[axis];
  const inner = sizeOf(x.shape.slice(axis + 1));
  const out = new Int32Array(outer * inner);
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < inner; j++) {
      const at = (k: number) => x.data[(o * length + k) * inner + j];
      let best = 0;
      for (let k = 1; k < length && !Number.isNaN(at(best)); k++) {
        if (Number.isNaN(at(k)) || (op === 'argMax' ? at(k) > at(best) : at(k) < at(best))) best = k;
      }
      out[o * inner + j] = best;
    }
  }
  return out;
}
