import type { Info, Runtime } from '../runtime.js';
import { sizeOf } from '../runtime.js';
import { prod } from '../util/shape.js';

/** Below this many elements a row, a JS element loop beats a TypedArray.set call per row. */
const SET_MIN = 16;

/**
 * Slices of x along `axis` at `indices`, copied on the wasm heap: one native memcpy
 * (TypedArray.set) per gathered row, or an element loop for short rows. Out-of-range indices
 * give zeros. tfjs's GatherV2 computes every element's source index in a scalar loop (~30 ns
 * an element: 3.4 ms for 128 rows of 784 floats, ~50x a row copy) and rejects out-of-range
 * indices.
 */
export function gather(rt: Runtime, x: Info, indices: Info, axis: number): Info {
  const outShape = [...x.shape.slice(0, axis), ...indices.shape, ...x.shape.slice(axis + 1)];
  const out = rt.empty(outShape, x.dtype);
  if (sizeOf(outShape) === 0) return out;
  const dim = x.shape[axis];
  const outer = prod(x.shape, 0, axis);
  const inner = prod(x.shape, axis + 1, x.shape.length);
  const idx = rt.heap(indices) as Int32Array;
  const src = rt.heap(x);
  const dst = rt.heap(out);
  const count = idx.length;
  let o = 0;
  for (let b = 0; b < outer; b++) {
    const base = b * dim * inner;
    for (let i = 0; i < count; i++, o += inner) {
      const j = idx[i];
      if (j < 0 || j >= dim) {
        dst.fill(0, o, o + inner);
      } else if (inner >= SET_MIN) {
        dst.set(src.subarray(base + j * inner, base + (j + 1) * inner), o);
      } else {
        for (let e = 0, from = base + j * inner; e < inner; e++) dst[o + e] = src[from + e];
      }
    }
  }
  return out;
}
