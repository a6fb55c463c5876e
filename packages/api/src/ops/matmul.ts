import { composite } from '../engine/scope.js';
import { emit, kernelFor } from '../engine/emit.js';
import { record } from '../autodiff/tape.js';
import { fmtShape, sizeOf } from '../tensor/shape.js';
import type { Tensor } from '../tensor/tensor.js';
import { toTensor, type TensorLike } from './create.js';
import { assertDType } from './validate.js';
import { reshape } from './reshape.js';
import { sum } from './reduce.js';

/** Rank-3 product as the Kernel defines it; the gradient rule lives here. */
export function batchMatMul(a: Tensor, b: Tensor, transposeA: boolean, transposeB: boolean): Tensor {
  const [ba, ra, ca] = a.shape;
  const [bb, rb, cb] = b.shape;
  const m = transposeA ? ca : ra;
  const k = transposeA ? ra : ca;
  const kb = transposeB ? cb : rb;
  const n = transposeB ? rb : cb;
  if (k !== kb) {
    throw new Error(`matMul: inner dimensions differ: 'a' ${fmtShape(a.shape)}${transposeA ? ' (transposed)' : ''} has ${k}, 'b' ${fmtShape(b.shape)}${transposeB ? ' (transposed)' : ''} has ${kb}`);
  }
  if (ba !== bb && ba !== 1 && bb !== 1) {
    throw new Error(`matMul: batch dimensions of 'a' ${fmtShape(a.shape)} and 'b' ${fmtShape(b.shape)} differ`);
  }
  const kernel = kernelFor('matMul', { a, b });
  const y = emit(kernel, kernel.matmul(a.ref(), b.ref(), transposeA, transposeB), [ba === 1 ? bb : ba, m, n], 'float32');
  record('matMul', [a, b], [y], ([dy], needs) => matMulBackward(a, b, dy, transposeA, transposeB, needs));
  return y;
}

/** Gradients of `op(a) @ op(b)` with respect to a and b, given the product's gradient. */
export function matMulBackward(a: Tensor, b: Tensor, dy: Tensor, transposeA: boolean, transposeB: boolean,
  needs: readonly boolean[] = [true, true]): [Tensor | null, Tensor | null] {
  const gradA = (): Tensor => {
    if (!transposeA) return batchMatMul(dy, b, false, !transposeB);
    return transposeB ? batchMatMul(b, dy, true, true) : batchMatMul(b, dy, false, true);
  };
  const gradB = (): Tensor => {
    if (!transposeB) return transposeA ? batchMatMul(a, dy, false, false) : batchMatMul(a, dy, true, false);
    return transposeA ? batchMatMul(dy, a, true, true) : batchMatMul(dy, a, true, false);
  };
  let da = needs[0] ? gradA() : null;
  let db = needs[1] ? gradB() : null;
  // A broadcast batch of 1 receives the sum over the batch.
  if (da && a.shape[0] === 1 && da.shape[0] !== 1) da = sum(da, 0, true);
  if (db && b.shape[0] === 1 && db.shape[0] !== 1) db = sum(db, 0, true);
  return [da, db];
}

/**
 * Matrix product. Rank 2 x rank 2; rank N x rank 2 (leading axes of `a` are batch, as
 * Dense applies to sequences); rank N x rank N with equal (or size-1) batch axes.
 */
export const matMul = composite(function matMul(aLike: TensorLike, bLike: TensorLike, transposeA: boolean = false, transposeB: boolean = false): Tensor {
  const a = toTensor(aLike, 'matMul', 'a');
  const b = toTensor(bLike, 'matMul', 'b');
  assertDType('matMul', 'a', a, ['float32']);
  assertDType('matMul', 'b', b, ['float32']);
  if (a.rank < 2 || b.rank < 2) {
    throw new Error(`matMul: 'a' ${fmtShape(a.shape)} and 'b' ${fmtShape(b.shape)} must have rank >= 2`);
  }
  const aRows = a.shape[a.rank - 2];
  const aCols = a.shape[a.rank - 1];
  const bRows = b.shape[b.rank - 2];
  const bCols = b.shape[b.rank - 1];
  const m = transposeA ? aCols : aRows;
  const n = transposeB ? bRows : bCols;
  if (b.rank === 2) {
    const batchShape = a.shape.slice(0, -2);
    if (!transposeA) {
      // Fold a's batch axes into its rows: one big product instead of many small ones.
      const y = batchMatMul(reshape(a, [1, sizeOf(batchShape) * aRows, aCols]), reshape(b, [1, bRows, bCols]), false, transposeB);
      return reshape(y, [...batchShape, m, n]);
    }
    const batch = sizeOf(batchShape);
    const y = batchMatMul(reshape(a, [batch, aRows, aCols]), reshape(b, [1, bRows, bCols]), true, transposeB);
    return reshape(y, [...batchShape, m, n]);
  }
  if (a.rank !== b.rank) {
    throw new Error(`matMul: 'a' ${fmtShape(a.shape)} and 'b' ${fmtShape(b.shape)} must have equal rank when 'b' has rank > 2`);
  }
  const aBatch = a.shape.slice(0, -2);
  const bBatch = b.shape.slice(0, -2);
  const aSize = sizeOf(aBatch);
  const bSize = sizeOf(bBatch);
  const sameBatch = aBatch.every((d, i) => d === bBatch[i]);
  if (!sameBatch && aSize !== 1 && bSize !== 1) {
    throw new Error(`matMul: batch dimensions of 'a' ${fmtShape(a.shape)} and 'b' ${fmtShape(b.shape)} differ`);
  }
  const y = batchMatMul(reshape(a, [aSize, aRows, aCols]), reshape(b, [bSize, bRows, bCols]), transposeA, transposeB);
  return reshape(y, [...(aSize >= bSize ? aBatch : bBatch), m, n]);
});
