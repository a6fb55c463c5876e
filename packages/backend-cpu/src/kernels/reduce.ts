import type { ReduceOp, TypedArray } from '@layerwise/api';
import type { Tensor } from '../util/tensor.js';
import { floats, ints, recycle } from '../util/alloc.js';
import { prod } from '../util/shape.js';
import { transpose } from './transpose.js';

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

/**
 * Reduces sorted `axes` away. A contiguous block of axes is reduced in place as
 * [outer, reduced, inner]; scattered axes are first transposed to the end.
 * Sums accumulate in float64. Empty reductions give 0 (sum), -Infinity / +Infinity
 * (float max / min) or INT32_MIN / INT32_MAX (int32 max / min). NaN propagates.
 */
export function reduce(op: ReduceOp, x: Tensor, axes: readonly number[]): TypedArray {
  const shape = x.shape;
  let contiguous = true;
  for (let i = 1; i < axes.length; i++) if (axes[i] !== axes[i - 1] + 1) contiguous = false;
  if (!contiguous) {
    const kept: number[] = [];
    for (let i = 0; i < shape.length; i++) if (!axes.includes(i)) kept.push(i);
    const perm = [...kept, ...axes];
    const data = transpose(x, perm);
    const tShape = perm.map((p) => shape[p]);
    const first = kept.length;
    const out = reduceBlock(op, data, x.dtype === 'int32', prod(tShape, 0, first), prod(tShape, first, tShape.length), 1);
    recycle(data);
    return out;
  }
  const first = axes[0];
  const last = axes[axes.length - 1];
  return reduceBlock(op, x.data, x.dtype === 'int32', prod(shape, 0, first), prod(shape, first, last + 1),
    prod(shape, last + 1, shape.length));
}

function reduceBlock(op: ReduceOp, a: TypedArray, isInt: boolean, outer: number, r: number, inner: number): TypedArray {
  const out: Float32Array | Int32Array = isInt ? ints(outer * inner) : floats(outer * inner);
  if (inner === 1) {
    reduceRows(op, a, isInt, outer, r, out);
    return out;
  }
  const acc = new Float64Array(inner);
  for (let o = 0; o < outer; o++) {
    const base = o * r * inner;
    switch (op) {
      case 'sum': {
        acc.fill(0);
        for (let j = 0; j < r; j++) {
          const row = base + j * inner;
          for (let i = 0; i < inner; i++) acc[i] += a[row + i];
        }
        break;
      }
      case 'max': {
        acc.fill(isInt ? INT32_MIN : -Infinity);
        for (let j = 0; j < r; j++) {
          const row = base + j * inner;
          for (let i = 0; i < inner; i++) { const v = a[row + i]; if (v > acc[i] || v !== v) acc[i] = v; }
        }
        break;
      }
      case 'min': {
        acc.fill(isInt ? INT32_MAX : Infinity);
        for (let j = 0; j < r; j++) {
          const row = base + j * inner;
          for (let i = 0; i < inner; i++) { const v = a[row + i]; if (v < acc[i] || v !== v) acc[i] = v; }
        }
        break;
      }
    }
    const ob = o * inner;
    if (isInt && op === 'sum') for (let i = 0; i < inner; i++) out[ob + i] = acc[i] | 0;
    else for (let i = 0; i < inner; i++) out[ob + i] = acc[i];
  }
  return out;
}

/** Last-axis fast path: one scalar accumulator per row. */
function reduceRows(op: ReduceOp, a: TypedArray, isInt: boolean, rows: number, r: number, out: Float32Array | Int32Array): void {
  switch (op) {
    case 'sum':
      for (let o = 0, p = 0; o < rows; o++) {
        let s = 0;
        for (const end = p + r; p < end; p++) s += a[p];
        out[o] = isInt ? s | 0 : s;
      }
      break;
    case 'max':
      for (let o = 0, p = 0; o < rows; o++) {
        let m = isInt ? INT32_MIN : -Infinity;
        for (const end = p + r; p < end; p++) { const v = a[p]; if (v > m || v !== v) m = v; }
        out[o] = m;
      }
      break;
    case 'min':
      for (let o = 0, p = 0; o < rows; o++) {
        let m = isInt ? INT32_MAX : Infinity;
        for (const end = p + r; p < end; p++) { const v = a[p]; if (v < m || v !== v) m = v; }
        out[o] = m;
      }
      break;
  }
}
