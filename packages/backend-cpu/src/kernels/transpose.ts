import type { TypedArray } from '@layerwise/api';
import type { Tensor } from '../util/tensor.js';
import { arrayOf } from '../util/alloc.js';
import { sizeOf, stridesOf } from '../util/shape.js';

/** Permutes axes: out.shape[i] = x.shape[perm[i]]. */
export function transpose(x: Tensor, perm: readonly number[]): TypedArray {
  const shape = x.shape;
  const a = x.data;
  const n = sizeOf(shape);
  const out = arrayOf(x.dtype, n);
  const rank = shape.length;
  let identity = true;
  for (let i = 0; i < rank; i++) if (perm[i] !== i) identity = false;
  if (identity || n <= 1) {
    out.set(a);
    return out;
  }
  if (rank === 2) {
    transpose2d(a, out, shape[0], shape[1], 0);
    return out;
  }
  if (rank === 3 && perm[0] === 0 && perm[1] === 2 && perm[2] === 1) {
    const m = shape[1] * shape[2];
    for (let b = 0; b < shape[0]; b++) transpose2d(a, out, shape[1], shape[2], b * m);
    return out;
  }
  const inStrides = stridesOf(shape);
  const outShape = perm.map((p) => shape[p]);
  const s = perm.map((p) => inStrides[p]);
  const last = rank - 1;
  const innerN = outShape[last];
  const innerS = s[last];
  const counter = new Array<number>(rank).fill(0);
  let base = 0;
  for (let o = 0; o < n; o += innerN) {
    for (let j = 0, v = base; j < innerN; j++, v += innerS) out[o + j] = a[v];
    for (let ax = last - 1; ax >= 0; ax--) {
      counter[ax]++;
      base += s[ax];
      if (counter[ax] < outShape[ax]) break;
      base -= s[ax] * counter[ax];
      counter[ax] = 0;
    }
  }
  return out;
}

/** Cache-blocked transpose of one rows x cols matrix starting at `off` (same offset in and out). */
function transpose2d(a: TypedArray, out: TypedArray, rows: number, cols: number, off: number): void {
  const B = 32;
  for (let i0 = 0; i0 < rows; i0 += B) {
    const i1 = Math.min(rows, i0 + B);
    for (let j0 = 0; j0 < cols; j0 += B) {
      const j1 = Math.min(cols, j0 + B);
      for (let i = i0; i < i1; i++) {
        const src = off + i * cols;
        for (let j = j0; j < j1; j++) out[off + j * rows + i] = a[src + j];
      }
    }
  }
}
