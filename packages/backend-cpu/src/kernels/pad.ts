import type { TypedArray } from '@layerwise/api';
import type { Tensor } from '../util/tensor.js';
import { arrayOf } from '../util/alloc.js';
import { sizeOf, stridesOf } from '../util/shape.js';

/** Pads each axis with paddings[axis] = [before, after] copies of `value`. */
export function pad(x: Tensor, paddings: readonly (readonly [number, number])[], value: number): TypedArray {
  const shape = x.shape;
  const rank = shape.length;
  const outShape = shape.map((d, i) => d + paddings[i][0] + paddings[i][1]);
  const out = arrayOf(x.dtype, sizeOf(outShape));
  if (x.dtype === 'bool') out.fill(value !== 0 ? 1 : 0);
  // Arrays come zero-filled; -0 is not +0 (Object.is tells them apart).
  else if (!Object.is(value, 0)) out.fill(value);
  const n = sizeOf(shape);
  const a = x.data;
  if (n === 0) return out;
  if (rank === 0) {
    out[0] = a[0];
    return out;
  }
  const outStrides = stridesOf(outShape);
  const last = rank - 1;
  const run = shape[last];
  let base = 0;
  for (let i = 0; i < rank; i++) base += paddings[i][0] * outStrides[i];
  const counter = new Array<number>(rank).fill(0);
  for (let s = 0; s < n; s += run) {
    if (run > 16) out.set(a.subarray(s, s + run), base);
    else for (let j = 0; j < run; j++) out[base + j] = a[s + j];
    for (let ax = last - 1; ax >= 0; ax--) {
      counter[ax]++;
      base += outStrides[ax];
      if (counter[ax] < shape[ax]) break;
      base -= outStrides[ax] * counter[ax];
      counter[ax] = 0;
    }
  }
  return out;
}
