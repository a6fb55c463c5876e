import type { TypedArray } from '@layerwise/api';
import type { Tensor } from '../util/tensor.js';
import { arrayOf } from '../util/alloc.js';
import { prod } from '../util/shape.js';

/** Slices of x along `axis` at each index; out-of-range indices leave zeros. */
export function gather(x: Tensor, indices: Tensor, axis: number): TypedArray {
  const shape = x.shape;
  const outer = prod(shape, 0, axis);
  const dim = shape[axis];
  const inner = prod(shape, axis + 1, shape.length);
  const idx = indices.data as Int32Array;
  const count = idx.length;
  const a = x.data;
  const out = arrayOf(x.dtype, outer * count * inner);
  for (let o = 0; o < outer; o++) {
    const srcBase = o * dim * inner;
    const dstBase = o * count * inner;
    for (let j = 0; j < count; j++) {
      const i = idx[j];
      if (i < 0 || i >= dim) continue;
      const src = srcBase + i * inner;
      const dst = dstBase + j * inner;
      if (inner > 16) out.set(a.subarray(src, src + inner), dst);
      else for (let t = 0; t < inner; t++) out[dst + t] = a[src + t];
    }
  }
  return out;
}
