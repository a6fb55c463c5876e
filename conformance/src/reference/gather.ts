import { makeRef, ravel, sizeOf, unravel, type RefTensor } from './tensor.js';

/**
 * Slices of `x` along `axis` at int32 `indices`. Result shape:
 * x.shape[:axis] ++ indices.shape ++ x.shape[axis+1:]. Out-of-range indices give zeros.
 */
export function gather(x: RefTensor, indices: RefTensor, axis: number): RefTensor {
  const shape = [...x.shape.slice(0, axis), ...indices.shape, ...x.shape.slice(axis + 1)];
  const out = makeRef(shape, x.dtype);
  const ir = indices.shape.length;
  for (let o = 0; o < sizeOf(shape); o++) {
    const index = unravel(o, shape);
    const where = index.slice(axis, axis + ir);
    const k = indices.data[ravel(where, indices.shape)];
    if (k < 0 || k >= x.shape[axis]) continue;
    const source = [...index.slice(0, axis), k, ...index.slice(axis + ir)];
    out.data[o] = x.data[ravel(source, x.shape)];
  }
  return out;
}

/** out[segmentIds[i]] += x[i]; ids outside [0, numSegments) are dropped. int32 sums wrap. */
export function unsortedSegmentSum(x: RefTensor, segmentIds: RefTensor, numSegments: number): RefTensor {
  const rowShape = x.shape.slice(1);
  const rowSize = sizeOf(rowShape);
  const out = makeRef([numSegments, ...rowShape], x.dtype);
  for (let i = 0; i < x.shape[0]; i++) {
    const s = segmentIds.data[i];
    if (s < 0 || s >= numSegments) continue;
    for (let j = 0; j < rowSize; j++) {
      const sum = out.data[s * rowSize + j] + x.data[i * rowSize + j];
      out.data[s * rowSize + j] = x.dtype === 'int32' ? sum | 0 : sum;
    }
  }
  return out;
}
