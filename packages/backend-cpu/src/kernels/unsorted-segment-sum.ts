import type { TypedArray } from '@layerwise/api';
import type { Tensor } from '../util/tensor.js';
import { floats, ints } from '../util/alloc.js';
import { prod } from '../util/shape.js';

/** out[segmentIds[i]] += x[i] over rows of x; ids outside [0, numSegments) are dropped. */
export function unsortedSegmentSum(x: Tensor, segmentIds: Tensor, numSegments: number): TypedArray {
  const rows = x.shape[0] ?? 0;
  const inner = prod(x.shape, 1, x.shape.length);
  const ids = segmentIds.data as Int32Array;
  if (x.dtype === 'int32') {
    const a = x.data as Int32Array;
    const out = ints(numSegments * inner);
    for (let r = 0; r < rows; r++) {
      const s = ids[r];
      if (s < 0 || s >= numSegments) continue;
      const src = r * inner, dst = s * inner;
      for (let t = 0; t < inner; t++) out[dst + t] = (out[dst + t] + a[src + t]) | 0;
    }
    return out;
  }
  const a = x.data as Float32Array;
  const acc = new Float64Array(numSegments * inner);
  for (let r = 0; r < rows; r++) {
    const s = ids[r];
    if (s < 0 || s >= numSegments) continue;
    const src = r * inner, dst = s * inner;
    for (let t = 0; t < inner; t++) acc[dst + t] += a[src + t];
  }
  const out = floats(acc.length);
  out.set(acc);
  return out;
}
