import type { ArgReduceOp, ReduceOp } from '@layerwise/api';
import { makeRef, ravel, sizeOf, unravel, type RefTensor } from './tensor.js';

/** Reduces `axes` away. sum keeps int32 (wrapping); max/min of nothing give -Infinity/+Infinity; NaN propagates (Math.max/min). */
export function reduce(op: ReduceOp, x: RefTensor, axes: readonly number[]): RefTensor {
  const keep = x.shape.map((_, i) => !axes.includes(i));
  const outShape = x.shape.filter((_, i) => keep[i]);
  const init = op === 'sum' ? 0 : op === 'max' ? -Infinity : Infinity;
  const out = makeRef(outShape, x.dtype);
  out.data.fill(init);
  for (let i = 0; i < sizeOf(x.shape); i++) {
    const index = unravel(i, x.shape);
    const o = ravel(index.filter((_, d) => keep[d]), outShape);
    const v = x.data[i];
    if (op === 'sum') out.data[o] = x.dtype === 'int32' ? (out.data[o] + v) | 0 : out.data[o] + v;
    else if (op === 'max') out.data[o] = Math.max(out.data[o], v);
    else out.data[o] = Math.min(out.data[o], v);
  }
  return out;
}

/** int32 index of the first max (min) along `axis`, or of the first NaN (NumPy); the result's shape drops `axis`. */
export function argReduce(op: ArgReduceOp, x: RefTensor, axis: number): RefTensor {
  const outShape = x.shape.filter((_, i) => i !== axis);
  const out = makeRef(outShape, 'int32');
  for (let o = 0; o < sizeOf(outShape); o++) {
    const outIndex = unravel(o, outShape);
    let best = 0;
    let bestValue = NaN;
    for (let k = 0; k < x.shape[axis]; k++) {
      const index = [...outIndex.slice(0, axis), k, ...outIndex.slice(axis)];
      const v = x.data[ravel(index, x.shape)];
      if (Number.isNaN(v)) {
        best = k;
        break;
      }
      const better = op === 'argMax' ? v > bestValue : v < bestValue;
      if (k === 0 || better) {
        best = k;
        bestValue = v;
      }
    }
    out.data[o] = best;
  }
  return out;
}
