import { composite } from '../engine/scope.js';
import type { ArgReduceOp, ReduceOp } from '../kernel/kernel.js';
import { emit, kernelFor } from '../engine/emit.js';
import { record } from '../autodiff/tape.js';
import type { Tensor } from '../tensor/tensor.js';
import { toTensor, type TensorLike } from './create.js';
import { assertDType, normAxes, normAxis } from './validate.js';
import { reshape } from './reshape.js';
import { broadcastTo } from './broadcast-to.js';
import { cast } from './cast.js';
import { add, div, equal, logicalOr, mul, notEqual, sub } from './binary.js';
import { exp, log } from './unary.js';
import { where } from './select.js';

function keptShape(shape: readonly number[], axes: readonly number[]): number[] {
  return shape.map((d, i) => (axes.includes(i) ? 1 : d));
}

function reduce(op: ReduceOp, xLike: TensorLike, axis: number | readonly number[] | undefined, keepDims: boolean): Tensor {
  let x = toTensor(xLike, op, 'x');
  if (op === 'sum' && x.dtype === 'bool') x = cast(x, 'int32');
  assertDType(op, 'x', x, ['float32', 'int32']);
  const axes = normAxes(op, axis, x.rank);
  const outShape = x.shape.filter((_, i) => !axes.includes(i));
  let y: Tensor;
  if (axes.length === 0) {
    y = reshape(x, x.shape);
  } else {
    const kernel = kernelFor(op, { x });
    y = emit(kernel, kernel.reduce(op, x.ref(), axes), outShape, x.dtype);
    if (x.dtype === 'float32') {
      record(op, [x], [y], ([dy]) => {
        const dyKept = broadcastTo(reshape(dy, keptShape(x.shape, axes)), x.shape);
        if (op === 'sum') return [dyKept];
        // max/min: the gradient goes to every position that attained the extreme; where
        // that is NaN, to every NaN (x != x), as maxPool routes to its NaN.
        const hit = logicalOr(equal(x, reshape(y, keptShape(x.shape, axes))), notEqual(x, x));
        return [where(hit, dyKept, 0)];
      });
    }
  }
  return keepDims ? reshape(y, keptShape(x.shape, axes)) : y;
}

/**
 * Sum over `axis` (one axis or several, negative counting from the end; all axes when omitted);
 * `keepDims` (default false) keeps the reduced axes with size 1. int32 and bool sum as int32.
 */
export function sum(x: TensorLike, axis?: number | readonly number[], keepDims = false): Tensor {
  return reduce('sum', x, axis, keepDims);
}

/**
 * Largest element over `axis` (as `sum`; float32 or int32); a NaN makes its result NaN.
 * The gradient goes to every position that attained the maximum.
 */
export function max(x: TensorLike, axis?: number | readonly number[], keepDims = false): Tensor {
  return reduce('max', x, axis, keepDims);
}

/**
 * Smallest element over `axis` (as `sum`; float32 or int32); a NaN makes its result NaN.
 * The gradient goes to every position that attained the minimum.
 */
export function min(x: TensorLike, axis?: number | readonly number[], keepDims = false): Tensor {
  return reduce('min', x, axis, keepDims);
}

/** Arithmetic mean (int32 and bool are averaged as float32). */
export const mean = composite(function mean(xLike: TensorLike, axis?: number | readonly number[], keepDims: boolean = false): Tensor {
  let x = toTensor(xLike, 'mean', 'x');
  if (x.dtype !== 'float32') x = cast(x, 'float32');
  const axes = normAxes('mean', axis, x.rank);
  const count = axes.reduce((n, a) => n * x.shape[a], 1);
  return div(sum(x, axes, keepDims), count);
});

/** Mean and (population) variance over `axes`. */
export const moments = composite(function moments(x: Tensor, axis?: number | readonly number[], keepDims: boolean = false): {
  /** Mean over the axes. */
  mean: Tensor;
  /** Population variance (divided by the count, not count - 1) over the axes. */
  variance: Tensor;
} {
  const axes = normAxes('moments', axis, x.rank);
  const m = mean(x, axes, true);
  const d = sub(x, m);
  const variance = mean(mul(d, d), axes, keepDims);
  return { mean: keepDims ? m : reshape(m, x.shape.filter((_, i) => !axes.includes(i))), variance };
});

/** log(sum(exp(x))) computed stably. */
export const logSumExp = composite(function logSumExp(xLike: TensorLike, axis?: number | readonly number[], keepDims: boolean = false): Tensor {
  const x = toTensor(xLike, 'logSumExp', 'x');
  const axes = normAxes('logSumExp', axis, x.rank);
  // Shifting by the max keeps exp in range; its gradient contributions cancel exactly.
  const m = max(x, axes, true);
  const out = add(log(sum(exp(sub(x, m)), axes, true)), m);
  return keepDims ? out : reshape(out, x.shape.filter((_, i) => !axes.includes(i)));
});

function argReduce(op: ArgReduceOp, xLike: TensorLike, axis: number): Tensor {
  const given = toTensor(xLike, op, 'x');
  // bool as NumPy orders it (false < true): tfjs reads one-hot Uint8Array labels as int32, here they are bool.
  const x = given.dtype === 'bool' ? cast(given, 'int32') : given;
  try {
    assertDType(op, 'x', x, ['float32', 'int32']);
    const a = normAxis(op, axis, x.rank);
    if (x.shape[a] === 0) throw new Error(`${op}: axis ${axis} of 'x' (shape [${x.shape}]) is empty`);
    const kernel = kernelFor(op, { x });
    return emit(kernel, kernel.argReduce(op, x.ref(), a), x.shape.filter((_, i) => i !== a), 'int32');
  } finally {
    if (x !== given) x.dispose();
  }
}

/** Index (int32) of the largest element along `axis` (default -1, the last); the first on ties, the first NaN if any. */
export const argMax = (x: TensorLike, axis = -1): Tensor => argReduce('argMax', x, axis);
/** Index (int32) of the smallest element along `axis` (default -1, the last); the first on ties, the first NaN if any. */
export const argMin = (x: TensorLike, axis = -1): Tensor => argReduce('argMin', x, axis);
