import type { TypedArray } from '@layerwise/api';
import type { Tensor } from '../util/tensor.js';
import { arrayOf } from '../util/alloc.js';
import { BroadcastWalk } from '../util/broadcast.js';
import { sizeOf } from '../util/shape.js';

/** `cond ? a : b`, all broadcast to `outShape`, one loop per contiguous run of the output. */
export function select(cond: Tensor, a: Tensor, b: Tensor, outShape: readonly number[]): TypedArray {
  const out = arrayOf(a.dtype, sizeOf(outShape));
  const c = cond.data, x = a.data, y = b.data;
  const w = new BroadcastWalk([cond.shape, a.shape, b.shape], outShape);
  const sc = w.stride[0], sx = w.stride[1], sy = w.stride[2], len = w.inner;
  if (w.rows === 1 && sc === 1 && sx === 1 && sy === 1) {
    for (let i = 0; i < len; i++) out[i] = c[i] !== 0 ? x[i] : y[i];
    return out;
  }
  for (let r = 0, i = 0; r < w.rows; r++, i += len, w.next()) {
    const pc = w.base[0], px = w.base[1], py = w.base[2];
    for (let j = 0; j < len; j++) out[i + j] = c[pc + j * sc] !== 0 ? x[px + j * sx] : y[py + j * sy];
  }
  return out;
}
