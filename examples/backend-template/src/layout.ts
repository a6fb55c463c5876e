import { arrayFor, type TypedArray } from '@layerwise/api';
import { ravel, sizeOf, stridesOf, unravel } from './shape.js';
import type { HostTensor } from './storage.js';

/** Output axis d is input axis perm[d]. */
export function transpose(x: HostTensor, perm: readonly number[]): TypedArray {
  const outShape = perm.map((p) => x.shape[p]);
  const inStrides = stridesOf(x.shape);
  const stridesInOutOrder = perm.map((p) => inStrides[p]);
  const out = arrayFor(x.dtype, x.data.length);
  for (let o = 0; o < out.length; o++) out[o] = x.data[ravel(unravel(o, outShape), stridesInOutOrder)];
  return out;
}

/** The block that starts at `begin` with extent `size`. */
export function slice(x: HostTensor, begin: readonly number[], size: readonly number[]): TypedArray {
  const inStrides = stridesOf(x.shape);
  const out = arrayFor(x.dtype, sizeOf(size));
  for (let o = 0; o < out.length; o++) {
    const index = unravel(o, size).map((v, d) => v + begin[d]);
    out[o] = x.data[ravel(index, inStrides)];
  }
  return out;
}

/**
 * Joins along `axis`. Viewing each input as [outer, x.shape[axis] * inner], the output row o
 * is the inputs' rows o laid end to end.
 */
export function concat(xs: readonly HostTensor[], axis: number): TypedArray {
  const outer = sizeOf(xs[0].shape.slice(0, axis));
  const inner = sizeOf(xs[0].shape.slice(axis + 1));
  const rowLengths = xs.map((x) => x.shape[axis] * inner);
  const outRow = rowLengths.reduce((a, b) => a + b, 0);
  const out = arrayFor(xs[0].dtype, outer * outRow);
  for (let o = 0; o < outer; o++) {
    let at = o * outRow;
    xs.forEach((x, i) => {
      out.set(x.data.subarray(o * rowLengths[i], (o + 1) * rowLengths[i]), at);
      at += rowLengths[i];
    });
  }
  return out;
}

/** Fills with `value`, then copies x in at offset [before0, before1, ...]. */
export function pad(x: HostTensor, paddings: readonly (readonly [number, number])[], value: number): TypedArray {
  const outShape = x.shape.map((d, axis) => paddings[axis][0] + d + paddings[axis][1]);
  const outStrides = stridesOf(outShape);
  const out = arrayFor(x.dtype, sizeOf(outShape)).fill(value);
  for (let i = 0; i < x.data.length; i++) {
    const index = unravel(i, x.shape).map((v, axis) => v + paddings[axis][0]);
    out[ravel(index, outStrides)] = x.data[i];
  }
  return out;
}
