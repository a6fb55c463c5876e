import { composite } from '../engine/scope.js';
import type { DType } from '../kernel/dtypes.js';
import type { ArithmeticOp, BinaryOp, CompareOp, LogicalOp } from '../kernel/kernel.js';
import { emit, kernelFor } from '../engine/emit.js';
import { record } from '../autodiff/tape.js';
import { broadcastShapes, fmtShape } from '../tensor/shape.js';
import { Tensor } from '../tensor/tensor.js';
import { toTensor, type TensorLike } from './create.js';
import { assertDType } from './validate.js';
import { floor, log, neg } from './unary.js';
import { where } from './select.js';
import { reduceTo } from './reduce-to.js';

/** Converts both operands; a plain number takes the other operand's dtype. */
export function operands(op: string, aLike: TensorLike, bLike: TensorLike): [Tensor, Tensor] {
  const aDType = aLike instanceof Tensor ? undefined : bLike instanceof Tensor ? bLike.dtype : undefined;
  const a = toTensor(aLike, op, 'a', typeof aLike === 'number' ? aDType : undefined);
  const b = toTensor(bLike, op, 'b', typeof bLike === 'number' ? a.dtype : undefined);
  if (a.dtype !== b.dtype) {
    throw new Error(`${op}: arguments 'a' (${a.dtype}, shape ${fmtShape(a.shape)}) and 'b' (${b.dtype}, shape ${fmtShape(b.shape)}) must have the same dtype; cast one first`);
  }
  return [a, b];
}

export function broadcastOrThrow(op: string, a: Tensor, b: Tensor): number[] {
  const out = broadcastShapes(a.shape, b.shape);
  if (!out) {
    throw new Error(`${op}: shapes of 'a' ${fmtShape(a.shape)} and 'b' ${fmtShape(b.shape)} do not broadcast`);
  }
  return out;
}

/**
 * The gradient of a binary op with respect to each operand, before broadcasting is undone.
 * Each is computed only when that operand wants one: the constant of `mul(x, 0.2)` or of a
 * clip asks for none, which saves its rule and the reduction back to a scalar.
 */
interface BinaryGrad {
  a(a: Tensor, b: Tensor, y: Tensor, dy: Tensor): Tensor | null;
  b(a: Tensor, b: Tensor, y: Tensor, dy: Tensor): Tensor | null;
}

function binary(op: BinaryOp, aLike: TensorLike, bLike: TensorLike, allowed: readonly DType[], outDType: DType | null,
  grad?: BinaryGrad): Tensor {
  const [a, b] = operands(op, aLike, bLike);
  let outShape: number[];
  try {
    assertDType(op, 'a', a, allowed);
    outShape = broadcastOrThrow(op, a, b);
  } catch (err) {
    // A number operand became a tensor here: bad input must not leave it behind.
    if (a !== aLike) a.dispose();
    if (b !== bLike) b.dispose();
    throw err;
  }
  const kernel = kernelFor(op, { a, b });
  const y = emit(kernel, kernel.binary(op, a.ref(), b.ref(), outShape), outShape, outDType ?? a.dtype);
  if (grad && a.dtype === 'float32') {
    record(op, [a, b], [y], ([dy], needs) => {
      const da = needs[0] ? grad.a(a, b, y, dy) : null;
      const db = needs[1] ? grad.b(a, b, y, dy) : null;
      return [da && reduceTo(da, a.shape), db && reduceTo(db, b.shape)];
    });
  }
  return y;
}

const NUMERIC: readonly DType[] = ['float32', 'int32'];
const ANY: readonly DType[] = ['float32', 'int32', 'bool'];

const NO_GRAD: BinaryGrad = { a: () => null, b: () => null };

/**
 * a + b, element-wise (float32 or int32); `a` and `b` broadcast as NumPy does; a plain number
 * takes the other operand's dtype.
 */
export const add = (a: TensorLike, b: TensorLike): Tensor =>
  binary('add', a, b, NUMERIC, null, { a: (_a, _b, _y, dy) => dy, b: (_a, _b, _y, dy) => dy });
/**
 * a - b, element-wise (float32 or int32); `a` and `b` broadcast as NumPy does; a plain number
 * takes the other operand's dtype.
 */
export const sub = (a: TensorLike, b: TensorLike): Tensor =>
  binary('sub', a, b, NUMERIC, null, { a: (_a, _b, _y, dy) => dy, b: (_a, _b, _y, dy) => neg(dy) });
/**
 * a * b, element-wise (float32 or int32); `a` and `b` broadcast as NumPy does; a plain number
 * takes the other operand's dtype.
 */
export const mul = (a: TensorLike, b: TensorLike): Tensor =>
  binary('mul', a, b, NUMERIC, null, { a: (_a, b, _y, dy) => mul(dy, b), b: (a, _b, _y, dy) => mul(dy, a) });
/** Division; int32 operands divide as integers truncating toward zero (cast to float32 for true division). */
export const div = (a: TensorLike, b: TensorLike): Tensor =>
  binary('div', a, b, NUMERIC, null, {
    a: (_a, b, _y, dy) => div(dy, b),
    b: (a, b, _y, dy) => neg(div(mul(dy, a), mul(b, b))),
  });
/**
 * a^b, element-wise (float32 or int32), as C's pow; `a` and `b` broadcast as NumPy does; a plain
 * number takes the other operand's dtype. The gradient for `b` is taken where a > 0 only (0
 * elsewhere).
 */
export const pow = (a: TensorLike, b: TensorLike): Tensor =>
  binary('pow', a, b, NUMERIC, null, {
    a: (a, b, _y, dy) => mul(dy, mul(b, pow(a, sub(b, 1)))),
    // d/db a^b = a^b ln a, defined for a > 0 only.
    b: (a, _b, y, dy) => mul(dy, where(greater(a, 0), mul(y, log(where(greater(a, 0), a, 1))), 0)),
  });
/**
 * NaN when either operand is NaN. The gradient goes to `a` unless `b` is strictly larger, so
 * ties and NaNs go to `a` (a clip's NaN input keeps its gradient, as TensorFlow's clip does).
 */
export const maximum = (a: TensorLike, b: TensorLike): Tensor =>
  binary('maximum', a, b, NUMERIC, null, {
    a: (a, b, _y, dy) => where(less(a, b), 0, dy),
    b: (a, b, _y, dy) => where(less(a, b), dy, 0),
  });
/** NaN when either operand is NaN; the gradient goes to `a` unless `b` is strictly smaller (ties and NaNs to `a`). */
export const minimum = (a: TensorLike, b: TensorLike): Tensor =>
  binary('minimum', a, b, NUMERIC, null, {
    a: (a, b, _y, dy) => where(greater(a, b), 0, dy),
    b: (a, b, _y, dy) => where(greater(a, b), dy, 0),
  });
/**
 * floor(a / b), element-wise (float32 or int32; int32 division by zero gives 0); `a` and `b`
 * broadcast as NumPy does; a plain number takes the other operand's dtype. No gradient.
 */
export const floorDiv = (a: TensorLike, b: TensorLike): Tensor => binary('floorDiv', a, b, NUMERIC, null, NO_GRAD);
/**
 * Remainder with the sign of the divisor (Python's %), element-wise (float32 or int32); `a` and
 * `b` broadcast as NumPy does; a plain number takes the other operand's dtype.
 */
export const mod = (a: TensorLike, b: TensorLike): Tensor =>
  binary('mod', a, b, NUMERIC, null, { a: (_a, _b, _y, dy) => dy, b: (a, b, _y, dy) => neg(mul(dy, floor(div(a, b)))) });

/**
 * a == b, element-wise, as a bool tensor (any dtype, both alike; -0 equals +0); `a` and `b`
 * broadcast as NumPy does; a plain number takes the other operand's dtype.
 */
export const equal = (a: TensorLike, b: TensorLike): Tensor => binary('equal', a, b, ANY, 'bool');
/**
 * a != b, element-wise, as a bool tensor (true where either is NaN); `a` and `b` broadcast as
 * NumPy does; a plain number takes the other operand's dtype.
 */
export const notEqual = (a: TensorLike, b: TensorLike): Tensor => binary('notEqual', a, b, ANY, 'bool');
/**
 * a < b, element-wise, as a bool tensor (false where either is NaN); `a` and `b` broadcast as
 * NumPy does; a plain number takes the other operand's dtype.
 */
export const less = (a: TensorLike, b: TensorLike): Tensor => binary('less', a, b, ANY, 'bool');
/**
 * a <= b, element-wise, as a bool tensor (false where either is NaN); `a` and `b` broadcast as
 * NumPy does; a plain number takes the other operand's dtype.
 */
export const lessEqual = (a: TensorLike, b: TensorLike): Tensor => binary('lessEqual', a, b, ANY, 'bool');
/**
 * a > b, element-wise, as a bool tensor (false where either is NaN); `a` and `b` broadcast as
 * NumPy does; a plain number takes the other operand's dtype.
 */
export const greater = (a: TensorLike, b: TensorLike): Tensor => binary('greater', a, b, ANY, 'bool');
/**
 * a >= b, element-wise, as a bool tensor (false where either is NaN); `a` and `b` broadcast as
 * NumPy does; a plain number takes the other operand's dtype.
 */
export const greaterEqual = (a: TensorLike, b: TensorLike): Tensor => binary('greaterEqual', a, b, ANY, 'bool');
/**
 * a AND b, element-wise, on bool tensors; `a` and `b` broadcast as NumPy does; a plain number
 * takes the other operand's dtype.
 */
export const logicalAnd = (a: TensorLike, b: TensorLike): Tensor => binary('logicalAnd', a, b, ['bool'], 'bool');
/**
 * a OR b, element-wise, on bool tensors; `a` and `b` broadcast as NumPy does; a plain number takes
 * the other operand's dtype.
 */
export const logicalOr = (a: TensorLike, b: TensorLike): Tensor => binary('logicalOr', a, b, ['bool'], 'bool');

/**
 * (a - b)^2, element-wise (float32 or int32); `a` and `b` broadcast as NumPy does; a plain number
 * takes the other operand's dtype.
 */
export const squaredDifference = composite((a: TensorLike, b: TensorLike): Tensor => {
  const d = sub(a, b);
  return mul(d, d);
});

/** Binary ops by kernel name, for generic callers (conformance). */
export const BINARY_OPS: Record<ArithmeticOp | CompareOp | LogicalOp, (a: TensorLike, b: TensorLike) => Tensor> = {
  add, sub, mul, div, pow, maximum, minimum, floorDiv, mod,
  equal, notEqual, less, lessEqual, greater, greaterEqual, logicalAnd, logicalOr,
};
