import type { TypedArray } from '@layerwise/api';
import type { Tensor } from '../util/tensor.js';
import { arrayOf } from '../util/alloc.js';
import { prod } from '../util/shape.js';

/** Joins tensors along `axis`: each contributes one [axisDim * inner] run per outer index. */
export function concat(xs: readonly Tensor[], axis: number): TypedArray {
  const first = xs[0];
  const outer = prod(first.shape, 0, axis);
  const runs = xs.map((t) => prod(t.shape, axis, t.shape.length));
  let total = 0;
  for (const r of runs) total += r;
  const out = arrayOf(first.dtype, outer * total);
  let offset = 0;
  for (let t = 0; t < xs.length; t++) {
    const a = xs[t].data;
    const run = runs[t];
    for (let o = 0; o < outer; o++) out.set(a.subarray(o * run, o * run + run), o * total + offset);
    offset += run;
  }
  return out;
}
