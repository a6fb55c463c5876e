import type { Info, Runtime } from '../runtime.js';
import { sizeOf } from '../runtime.js';
import { prod } from '../util/shape.js';

/** Joins along `axis`: per outer index, one native memcpy (`TypedArray.set`) per input. */
export function concat(rt: Runtime, xs: readonly Info[], axis: number): Info {
  const outShape = [...xs[0].shape];
  outShape[axis] = xs.reduce((s, x) => s + x.shape[axis], 0);
  const out = rt.empty(outShape, xs[0].dtype);
  if (sizeOf(outShape) === 0) return out;
  const outer = prod(outShape, 0, axis);
  const rowOut = prod(outShape, axis, outShape.length);
  const dst = rt.heap(out);
  let offset = 0;
  for (const x of xs) {
    const row = prod(x.shape, axis, x.shape.length);
    if (row === 0) continue;
    const src = rt.heap(x);
    if (outer === 1) dst.set(src, offset);
    else for (let o = 0; o < outer; o++) dst.set(src.subarray(o * row, (o + 1) * row), o * rowOut + offset);
    offset += row;
  }
  return out;
}
