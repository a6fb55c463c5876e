import type { TypedArray } from '@layerwise/api';
import type { Tensor } from '../util/tensor.js';
import { arrayOf } from '../util/alloc.js';
import { sizeOf, stridesOf } from '../util/shape.js';

/** The block at `begin` with extent `size`, copied one contiguous last-axis run at a time. */
export function slice(x: Tensor, begin: readonly number[], size: readonly number[]): TypedArray {
  const n = sizeOf(size);
  const out = arrayOf(x.dtype, n);
  const rank = size.length;
  const a = x.data;
  if (n === 0) return out;
  if (rank === 0) {
    out[0] = a[0];
    return out;
  }
  const strides = stridesOf(x.shape);
  const last = rank - 1;
  const run = size[last];
  let base = 0;
  for (let i = 0; i < rank; i++) base += begin[i] * strides[i];
  const counter = new Array<number>(rank).fill(0);
  for (let o = 0; o < n; o += run) {
    if (run > 16) out.set(a.subarray(base, base + run), o);
    else for (let j = 0; j < run; j++) out[o + j] = a[base + j];
    for (let ax = last - 1; ax >= 0; ax--) {
      counter[ax]++;
      base += strides[ax];
      if (counter[ax] < size[ax]) break;
      base -= strides[ax] * counter[ax];
      counter[ax] = 0;
    }
  }
  return out;
}
