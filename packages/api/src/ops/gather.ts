import { composite } from '../engine/scope.js';
import { emit, kernelFor } from '../engine/emit.js';
import { record } from '../autodiff/tape.js';
import { fmtShape } from '../tensor/shape.js';
import type { Tensor } from '../tensor/tensor.js';
import { toTensor, type TensorLike } from './create.js';
import { assertDType, normAxis } from './validate.js';
import { reshape } from './reshape.js';
import { transpose } from './layout.js';
import { cast } from './cast.js';
import { equal } from './binary.js';
import { range } from './create.js';
import { expandDims } from './reshape.js';

/** Sums rows of `x` into `numSegments` buckets by int32 `segmentIds` (length x.shape[0]). */
export const unsortedSegmentSum = composite(function unsortedSegmentSum(xLike: TensorLike, idsLike: TensorLike, numSegments: number): Tensor {
  const op = 'unsortedSegmentSum';
  const x = toTensor(xLike, op, 'x');
  const ids = toTensor(idsLike, op, 'segmentIds', 'int32');
  assertDType(op, 'x', x, ['float32', 'int32']);
  assertDType(op, 'segmentIds', ids, ['int32']);
  if (x.rank < 1 || ids.rank !== 1 || ids.shape[0] !== x.shape[0]) {
    throw new Error(`${op}: 'segmentIds' ${fmtShape(ids.shape)} must be rank 1 with length x.shape[0] of 'x' ${fmtShape(x.shape)}`);
  }
  if (!Number.isInteger(numSegments) || numSegments < 0) throw new Error(`${op}: numSegments must be an integer >= 0, got ${numSegments}`);
  const kernel = kernelFor(op, { x, segmentIds: ids });
  const y = emit(kernel, kernel.unsortedSegmentSum(x.ref(), ids.ref(), numSegments), [numSegments, ...x.shape.slice(1)], x.dtype);
  if (x.dtype === 'float32') record(op, [x, ids], [y], ([dy]) => [gather(dy, ids, 0), null]);
  return y;
});

/** Slices of `x` along `axis` at int32 `indices`; out-of-range indices give zeros. */
export const gather = composite(function gather(xLike: TensorLike, indicesLike: TensorLike, axis: number = 0): Tensor {
  const op = 'gather';
  const x = toTensor(xLike, op, 'x');
  let indices = toTensor(indicesLike, op, 'indices', 'int32');
  if (indices.dtype === 'float32') indices = cast(indices, 'int32');
  assertDType(op, 'indices', indices, ['int32']);
  const a = normAxis(op, axis, x.rank);
  const outShape = [...x.shape.slice(0, a), ...indices.shape, ...x.shape.slice(a + 1)];
  const kernel = kernelFor(op, { x, indices });
  const y = emit(kernel, kernel.gather(x.ref(), indices.ref(), a), outShape, x.dtype);
  if (x.dtype === 'float32') {
    record(op, [x, indices], [y], ([dy]) => {
      // Bring the index axes of dy to the front, scatter-add rows, and move the axis back.
      const k = indices.rank;
      const perm = [...range0(a, a + k), ...range0(0, a), ...range0(a + k, dy.rank)];
      const moved = transpose(dy, perm);
      const rows = reshape(moved, [indices.size, ...moved.shape.slice(k)]);
      const summed = unsortedSegmentSum(rows, reshape(indices, [indices.size]), x.shape[a]);
      const back = [...range0(1, a + 1), 0, ...range0(a + 1, x.rank)];
      return [transpose(summed, back), null];
    });
  }
  return y;
});

function range0(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);
}

/** One-hot encoding of int32 indices along a new last axis (float32 unless given). */
export function oneHot(indicesLike: TensorLike, depth: number, dtype: 'float32' | 'int32' = 'float32'): Tensor {
  const indices = toTensor(indicesLike, 'oneHot', 'indices', 'int32');
  assertDType('oneHot', 'indices', indices, ['int32']);
  if (!Number.isInteger(depth) || depth < 0) throw new Error(`oneHot: depth must be an integer >= 0, got ${depth}`);
  return cast(equal(expandDims(indices, -1), range(0, depth, 1, 'int32')), dtype);
}
