import type { ArgReduceOp } from '@layerwise/api';
import type { Tensor } from '../util/tensor.js';
import { ints } from '../util/alloc.js';
import { prod } from '../util/shape.js';

/**
 * Index of the first max (min) along `axis`, as int32. NaN counts as the extreme value
 * (numpy's rule); an empty axis gives 0.
 */
export function argReduce(op: ArgReduceOp, x: Tensor, axis: number): Int32Array {
  const shape = x.shape;
  const outer = prod(shape, 0, axis);
  const r = shape[axis];
  const inner = prod(shape, axis + 1, shape.length);
  const a = x.data;
  const out = ints(outer * inner);
  if (r === 0) return out;
  const isMax = op === 'argMax';
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      let p = o * r * inner + i;
      let best = a[p];
      let bestJ = 0;
      if (best === best) {
        for (let j = 1; j < r; j++) {
          p += inner;
          const v = a[p];
          if (v !== v) { bestJ = j; break; }
          if (isMax ? v > best : v < best) { best = v; bestJ = j; }
        }
      }
      out[o * inner + i] = bestJ;
    }
  }
  return out;
}
