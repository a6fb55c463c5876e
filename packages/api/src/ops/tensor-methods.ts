import { composite } from '../engine/scope.js';
import type { DType, TypedArray } from '../kernel/dtypes.js';
import { registerTensorMethods, type Tensor } from '../tensor/tensor.js';
import { TensorBuffer } from './buffer.js';
import { add, sub, mul, div, pow, maximum, minimum, floorDiv, mod, equal, notEqual, less, lessEqual, greater, greaterEqual,
  logicalAnd, logicalOr, squaredDifference } from './binary.js';
import { broadcastTo } from './broadcast-to.js';
import { cast } from './cast.js';
import { softmax, logSoftmax } from './fused.js';
import { gather, oneHot } from './gather.js';
import { transpose, slice, pad, concat, stack, unstack, split, tile, reverse } from './layout.js';
import { matMul } from './matmul.js';
import { sum, max, min, mean, logSumExp, argMax, argMin } from './reduce.js';
import { reshape, expandDims, squeeze } from './reshape.js';
import { where } from './select.js';
import { UNARY_OPS, clipByValue } from './unary.js';
import { normAxes } from './validate.js';

const list = <T>(x: T | readonly T[]): T[] => (Array.isArray(x) ? x.slice() : [x as T]);

/** A number for the first axis (tfjs's 1-D form); the other axes whole. */
function sliceMethod(x: Tensor, begin: number | readonly number[], size?: number | readonly number[]): Tensor {
  const b = typeof begin === 'number' ? [begin, ...new Array<number>(x.rank - 1).fill(0)] : begin;
  const s = typeof size === 'number' ? [size, ...new Array<number>(x.rank - 1).fill(-1)] : size;
  return slice(x, b, s);
}

const reverseAxes = composite((x: Tensor, axis?: number | readonly number[]): Tensor => {
  let y = reshape(x, x.shape);
  for (const a of normAxes('reverse', axis === undefined ? undefined : list(axis), x.rank)) y = reverse(y, a);
  return y;
});

/**
 * The ops behind Tensor's chainable methods, by method name: `x.add(y)` calls `add(x, y)`.
 * Registered with the Tensor class below, when the api loads.
 */
const TENSOR_METHODS = {
  ...UNARY_OPS,
  add, sub, mul, div, pow, maximum, minimum, floorDiv, mod, squaredDifference,
  equal, notEqual, less, lessEqual, greater, greaterEqual, logicalAnd, logicalOr, where, matMul,
  sum, max, min, mean, logSumExp, argMax, argMin,
  cast, reshape, expandDims, squeeze, transpose, pad, unstack, split, tile, gather, oneHot, broadcastTo,
  clipByValue,
  softmax: (x: Tensor) => softmax(x),
  logSoftmax: (x: Tensor) => logSoftmax(x),
  slice: sliceMethod,
  reverse: reverseAxes,
  concat: (x: Tensor, others: Tensor | readonly Tensor[], axis: number) => concat([x, ...list(others)], axis),
  stack: (x: Tensor, others: Tensor | readonly Tensor[], axis: number) => stack([x, ...list(others)], axis),
  buffer: (shape: readonly number[], dtype: DType, values: TypedArray) => new TensorBuffer(shape, dtype, values),
};

/** The type of the table Tensor's methods call into. */
export type TensorMethods = typeof TENSOR_METHODS;

registerTensorMethods(TENSOR_METHODS);
