import type { TypedArray } from '@layerwise/api';
import { arrayFor } from '@layerwise/api';
import type { Tensor } from '../util/tensor.js';
import { broadcastIndex, identityIndex } from '../util/broadcast.js';
import { sizeOf } from '../util/shape.js';

/** `cond ? a : b`, all broadcast to `outShape`. */
export function select(cond: Tensor, a: Tensor, b: Tensor, outShape: readonly number[]): TypedArray {
  const n = sizeOf(outShape);
  const out = arrayFor(a.dtype, n);
  const c = cond.data, x = a.data, y = b.data;
  const ic = broadcastIndex(cond.shape, outShape);
  const ix = broadcastIndex(a.shape, outShape);
  const iy = broadcastIndex(b.shape, outShape);
  if (ic === null && ix === null && iy === null) {
    for (let i = 0; i < n; i++) out[i] = c[i] !== 0 ? x[i] : y[i];
    return out;
  }
  const mc = ic ?? identityIndex(n), mx = ix ?? identityIndex(n), my = iy ?? identityIndex(n);
  for (let i = 0; i < n; i++) out[i] = c[mc[i]] !== 0 ? x[mx[i]] : y[my[i]];
  return out;
}
