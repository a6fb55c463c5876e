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

export const neg = (x: TensorLike): Tensor => unary('neg', x, NUMERIC, (_x, _y, dy) => neg(dy));
export const abs = (x: TensorLike): Tensor => unary('abs', x, NUMERIC, (x, _y, dy) => mul(dy, sign(x)));
export const sign = (x: TensorLike): Tensor => unary('sign', x, NUMERIC, zeroGrad);
export const square = (x: TensorLike): Tensor => unary('square', x, NUMERIC, (x, _y, dy) => mul(dy, mul(x, 2)));
/**
 * max(x, 0), NaN kept. Its gradient multiplies, dy * sign(y) (TensorFlow's ReluGrad is
 * dy * (x > 0)), rather than selects: a NaN in dy is not dropped where x <= 0 (NaN * 0 is
 * NaN), so a NaN loss reaches every weight; sign(y) is NaN where x is.
 */
export const relu = (x: TensorLike): Tensor =>
  unary('relu', x, NUMERIC, (_x, y, dy) => mul(dy, sign(y)));
export const exp = (x: TensorLike): Tensor => unary('exp', x, FLOAT, (_x, y, dy) => mul(dy, y));
export const expm1 = (x: TensorLike): Tensor => unary('expm1', x, FLOAT, (_x, y, dy) => mul(dy, add(y, 1)));
export const log = (x: TensorLike): Tensor => unary('log', x, FLOAT, (x, _y, dy) => div(dy, x));
export const log1p = (x: TensorLike): Tensor => unary('log1p', x, FLOAT, (x, _y, dy) => div(dy, add(x, 1)));
export const sqrt = (x: TensorLike): Tensor => unary('sqrt', x, FLOAT, (_x, y, dy) => div(dy, mul(y, 2)));
export const rsqrt = (x: TensorLike): Tensor =>
  unary('rsqrt', x, FLOAT, (_x, y, dy) => mul(dy, mul(mul(y, mul(y, y)), -0.5)));
export const reciprocal = (x: TensorLike): Tensor =>
  unary('reciprocal', x, FLOAT, (_x, y, dy) => neg(mul(dy, mul(y, y))));
export const tanh = (x: TensorLike): Tensor =>
  unary('tanh', x, FLOAT, (_x, y, dy) => mul(dy, sub(1, mul(y, y))));
export const sigmoid = (x: TensorLike): Tensor =>
  unary('sigmoid', x, FLOAT, (_x, y, dy) => mul(dy, mul(y, sub(1, y))));
export const softplus = (x: TensorLike): Tensor => unary('softplus', x, FLOAT, (x, _y, dy) => mul(dy, sigmoid(x)));
export const erf = (x: TensorLike): Tensor =>
  unary('erf', x, FLOAT, (x, _y, dy) => mul(dy, mul(exp(neg(mul(x, x))), 2 / Math.sqrt(Math.PI))));
export const sin = (x: TensorLike): Tensor => unary('sin', x, FLOAT, (x, _y, dy) => mul(dy, cos(x)));
export const cos = (x: TensorLike): Tensor => unary('cos', x, FLOAT, (x, _y, dy) => neg(mul(dy, sin(x))));
export const floor = (x: TensorLike): Tensor => unary('floor', x, FLOAT, zeroGrad);
export const ceil = (x: TensorLike): Tensor => unary('ceil', x, FLOAT, zeroGrad);
export const round = (x: TensorLike): Tensor => unary('round', x, FLOAT, zeroGrad);
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
