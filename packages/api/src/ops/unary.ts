import type { DType } from '../kernel/dtypes.js';
import type { UnaryOp } from '../kernel/kernel.js';
import { emit, kernelFor } from '../engine/emit.js';
import { record } from '../autodiff/tape.js';
import type { Tensor } from '../tensor/tensor.js';
import { toTensor, zerosLike, type TensorLike } from './create.js';
import { assertDType } from './validate.js';
import { add, div, maximum, minimum, mul, sub } from './binary.js';

const FLOAT: readonly DType[] = ['float32'];
const NUMERIC: readonly DType[] = ['float32', 'int32'];

type UnaryGrad = (x: Tensor, y: Tensor, dy: Tensor) => Tensor;

function unary(op: UnaryOp, xLike: TensorLike, allowed: readonly DType[], grad?: UnaryGrad): Tensor {
  const x = toTensor(xLike, op, 'x');
  assertDType(op, 'x', x, allowed);
  const kernel = kernelFor(op, { x });
  const y = emit(kernel, kernel.unary(op, x.ref()), x.shape, x.dtype);
  if (grad && x.dtype === 'float32') record(op, [x], [y], ([dy]) => [grad(x, y, dy)]);
  return y;
}

const zeroGrad: UnaryGrad = (x) => zerosLike(x);

/** -x, element-wise (float32 or int32). */
export const neg = (x: TensorLike): Tensor => unary('neg', x, NUMERIC, (_x, _y, dy) => neg(dy));
/** |x|, element-wise (float32 or int32); its gradient is dy * sign(x). */
export const abs = (x: TensorLike): Tensor => unary('abs', x, NUMERIC, (x, _y, dy) => mul(dy, sign(x)));
/** -1, 0 or 1 by the sign of each element (float32 or int32; NaN stays NaN); gradient zero. */
export const sign = (x: TensorLike): Tensor => unary('sign', x, NUMERIC, zeroGrad);
/** x * x, element-wise (float32 or int32). */
export const square = (x: TensorLike): Tensor => unary('square', x, NUMERIC, (x, _y, dy) => mul(dy, mul(x, 2)));
/**
 * max(x, 0), NaN kept. Its gradient multiplies, dy * sign(y) (TensorFlow's ReluGrad is
 * dy * (x > 0)), rather than selects: a NaN in dy is not dropped where x <= 0 (NaN * 0 is
 * NaN), so a NaN loss reaches every weight; sign(y) is NaN where x is.
 */
export const relu = (x: TensorLike): Tensor =>
  unary('relu', x, NUMERIC, (_x, y, dy) => mul(dy, sign(y)));
/** e^x, element-wise (float32). */
export const exp = (x: TensorLike): Tensor => unary('exp', x, FLOAT, (_x, y, dy) => mul(dy, y));
/** e^x - 1, element-wise, accurate near 0 (float32). */
export const expm1 = (x: TensorLike): Tensor => unary('expm1', x, FLOAT, (_x, y, dy) => mul(dy, add(y, 1)));
/** Natural logarithm, element-wise (float32): log(0) is -Infinity, a negative x NaN. */
export const log = (x: TensorLike): Tensor => unary('log', x, FLOAT, (x, _y, dy) => div(dy, x));
/** log(1 + x), element-wise, accurate near 0 (float32). */
export const log1p = (x: TensorLike): Tensor => unary('log1p', x, FLOAT, (x, _y, dy) => div(dy, add(x, 1)));
/** Square root, element-wise (float32); a negative x gives NaN. */
export const sqrt = (x: TensorLike): Tensor => unary('sqrt', x, FLOAT, (_x, y, dy) => div(dy, mul(y, 2)));
/** 1 / sqrt(x), element-wise (float32); rsqrt(0) is +Infinity. */
export const rsqrt = (x: TensorLike): Tensor =>
  unary('rsqrt', x, FLOAT, (_x, y, dy) => mul(dy, mul(mul(y, mul(y, y)), -0.5)));
/** 1 / x, element-wise (float32). */
export const reciprocal = (x: TensorLike): Tensor =>
  unary('reciprocal', x, FLOAT, (_x, y, dy) => neg(mul(dy, mul(y, y))));
/** Hyperbolic tangent, element-wise (float32). */
export const tanh = (x: TensorLike): Tensor =>
  unary('tanh', x, FLOAT, (_x, y, dy) => mul(dy, sub(1, mul(y, y))));
/** 1 / (1 + e^-x), element-wise (float32). */
export const sigmoid = (x: TensorLike): Tensor =>
  unary('sigmoid', x, FLOAT, (_x, y, dy) => mul(dy, mul(y, sub(1, y))));
/** log(1 + e^x), element-wise (float32); its gradient is sigmoid(x). */
export const softplus = (x: TensorLike): Tensor => unary('softplus', x, FLOAT, (x, _y, dy) => mul(dy, sigmoid(x)));
/** The Gauss error function, element-wise (float32). */
export const erf = (x: TensorLike): Tensor =>
  unary('erf', x, FLOAT, (x, _y, dy) => mul(dy, mul(exp(neg(mul(x, x))), 2 / Math.sqrt(Math.PI))));
/** Sine of x in radians, element-wise (float32). */
export const sin = (x: TensorLike): Tensor => unary('sin', x, FLOAT, (x, _y, dy) => mul(dy, cos(x)));
/** Cosine of x in radians, element-wise (float32). */
export const cos = (x: TensorLike): Tensor => unary('cos', x, FLOAT, (x, _y, dy) => neg(mul(dy, sin(x))));
/** Rounds down to an integer value, element-wise (float32 in and out); gradient zero. */
export const floor = (x: TensorLike): Tensor => unary('floor', x, FLOAT, zeroGrad);
/** Rounds up to an integer value, element-wise (float32 in and out); gradient zero. */
export const ceil = (x: TensorLike): Tensor => unary('ceil', x, FLOAT, zeroGrad);
/** Rounds to the nearest integer value, half to even (float32 in and out, as tf.round); gradient zero. */
export const round = (x: TensorLike): Tensor => unary('round', x, FLOAT, zeroGrad);
/** Boolean negation, element-wise (bool in and out). */
export const logicalNot = (x: TensorLike): Tensor => unary('logicalNot', x, ['bool']);

/** Unary ops by kernel name, for generic callers (conformance, activations). */
export const UNARY_OPS: Record<UnaryOp, (x: TensorLike) => Tensor> = {
  neg, abs, sign, square, relu, exp, expm1, log, log1p, sqrt, rsqrt, reciprocal, tanh, sigmoid, softplus,
  erf, sin, cos, floor, ceil, round, logicalNot,
};

/** Clamps to [lo, hi] (NaN stays NaN); the gradient passes where lo <= x <= hi, and where x is NaN. */
export function clipByValue(x: TensorLike, lo: number, hi: number): Tensor {
  if (!(lo <= hi)) throw new Error(`clipByValue: min ${lo} must be <= max ${hi}`);
  const t = toTensor(x, 'clipByValue', 'x');
  return minimum(maximum(t, lo), hi);
}
