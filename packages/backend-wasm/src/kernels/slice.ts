import type { Info, Runtime } from '../runtime.js';
import { sizeOf } from '../runtime.js';
import { prod } from '../util/shape.js';

/**
 * The block at `begin` of extent `size`, copied run by run on the wasm heap (each run is one
 * native memcpy: `TypedArray.set`). Dims after the first partial one form the run.
 */
export function slice(rt: Runtime, x: Info, begin: readonly number[], size: readonly number[]): Info {
  const out = rt.empty(size, x.dtype);
  const n = sizeOf(size);
  if (n === 0) return out;
  const rank = x.shape.length;
  // Innermost dims taken whole join the contiguous run.
  let inner = rank;
  while (inner > 0 && begin[inner - 1] === 0 && size[inner - 1] === x.shape[inner - 1]) inner--;
  const src = rt.heap(x);
  const dst = rt.heap(out);
  if (inner === 0) {
    dst.set(src.subarray(0, n));
    return out;
  }
  // The run: the partial dim `inner - 1` and everything after it.
  const axis = inner - 1;
  const tail = prod(x.shape, axis + 1, rank);
  const run = size[axis] * tail;
  const strides = new Array<number>(rank);
  strides[rank - 1] = 1;
  for (let i = rank - 2; i >= 0; i--) strides[i] = strides[i + 1] * x.shape[i + 1];
  const counter = new Array<number>(axis).fill(0);
  let base = 0;
  for (let i = 0; i <= axis; i++) base += begin[i] * strides[i];
  for (let o = 0; o < n; o += run) {
    dst.set(src.subarray(base, base + run), o);
    for (let d = axis - 1; d >= 0; d--) {
      counter[d]++;
      base += strides[d];
      if (counter[d] < size[d]) break;
      base -= strides[d] * counter[d];
      counter[d] = 0;
    }
  }
  return out;
}
