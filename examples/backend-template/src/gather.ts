import { arrayFor, type TypedArray } from '@layerwise/api';
import { sizeOf } from './shape.js';
import { toDType, type HostTensor } from './storage.js';

/**
 * Slices of x along `axis` at the int32 `indices`. Viewing x as [outer, x.shape[axis], inner],
 * the result is [outer, indices.length, inner]; an out-of-range index gives a zero slice.
 */
export function gather(x: HostTensor, indices: HostTensor, axis: number): TypedArray {
  const outer = sizeOf(x.shape.slice(0, axis));
  const length = x.shape[axis];
  const inner = sizeOf(x.shape.slice(axis + 1));
  const count = indices.data.length;
  const out = arrayFor(x.dtype, outer * count * inner);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < count; i++) {
      const k = indices.data[i];
      if (k < 0 || k >= length) continue; // stays zero
      for (let j = 0; j < inner; j++) out[(o * count + i) * inner + j] = x.data[(o * length + k) * inner + j];
    }
  }
  return out;
}

/** out[segmentIds[i]] += x[i] over rows of x; ids outside [0, numSegments) are dropped. */
export function unsortedSegmentSum(x: HostTensor, segmentIds: HostTensor, numSegments: number): TypedArray {
  const rowSize = sizeOf(x.shape.slice(1));
  const sums = new Float64Array(numSegments * rowSize);
  for (let i = 0; i < x.shape[0]; i++) {
    const s = segmentIds.data[i];
    if (s < 0 || s >= numSegments) continue;
    for (let j = 0; j < rowSize; j++) sums[s * rowSize + j] += x.data[i * rowSize + j];
  }
  return toDType(sums, x.dtype);
}
