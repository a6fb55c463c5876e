import { arrayFor, type BinaryOp, type DType, type TypedArray, type UnaryOp } from '@layerwise/api';
import { broadcastIndex, sizeOf } from './shape.js';
import type { HostTensor } from './storage.js';

// ---- unary ----

/** log(1 + exp(x)) without overflow for large x. */
const softplus = (x: number) => Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));

/** 1 / (1 + exp(-x)), computed so that exp never overflows. */
const sigmoid = (x: number) => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));

/** erf by its Taylor series (fine for a template; |x| >= 6 is +-1 in float64). */
function erf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (Math.abs(x) >= 6) return Math.sign(x);
  let term = x;
  let sum = x;
  for (let n = 1; Math.abs(term) > 1e-17 * Math.abs(sum); n++) {
    term *= (2 * x * x) / (2 * n + 1);
    sum += term;
  }
  return (2 / Math.sqrt(Math.PI)) * Math.exp(-x * x) * sum;
}

/** Rounds half to even: round(0.5) = 0, round(1.5) = 2, round(2.5) = 2; round(-0.4) is -0. */
function roundHalfToEven(x: number): number {
  const lower = Math.floor(x);
  const diff = x - lower;
  const r = diff !== 0.5 ? Math.round(x) : lower % 2 === 0 ? lower : lower + 1;
  return r === 0 && x < 0 ? -0 : r;
}

/** C's pow (NumPy's, TensorFlow's): unlike Math.pow, pow(1, y) = 1 for any y and pow(-1, +-Infinity) = 1. */
const pow = (a: number, b: number) => (a === 1 || (a === -1 && Math.abs(b) === Infinity) ? 1 : Math.pow(a, b));

/** float -> int32 truncated toward zero, saturating at the int32 range; NaN -> 0. */
const toInt32 = (x: number) => (Number.isNaN(x) ? 0 : Math.min(2147483647, Math.max(-2147483648, Math.trunc(x))));

const FLOAT_UNARY: Record<Exclude<UnaryOp, 'logicalNot'>, (x: number) => number> = {
  neg: (x) => -x,
  abs: Math.abs,
  sign: (x) => (x > 0 ? 1 : x < 0 ? -1 : x), // keeps 0 and NaN
  square: (x) => x * x,
  relu: (x) => (x <= 0 ? 0 : x), // NaN is not <= 0: it passes through
  exp: Math.exp,
  expm1: Math.expm1,
  log: Math.log,
  log1p: Math.log1p,
  sqrt: Math.sqrt,
  rsqrt: (x) => 1 / Math.sqrt(x),
  reciprocal: (x) => 1 / x,
  tanh: Math.tanh,
  sigmoid,
  softplus,
  erf,
  sin: Math.sin,
  cos: Math.cos,
  floor: Math.floor,
  ceil: Math.ceil,
  round: roundHalfToEven,
};

/** int32 takes neg/abs/sign/square/relu; the Int32Array store wraps like int32 arithmetic. */
const INT_UNARY: Partial<Record<UnaryOp, (x: number) => number>> = {
  neg: (x) => -x,
  abs: Math.abs,
  sign: Math.sign,
  square: (x) => Math.imul(x, x), // x * x can exceed 2^53 and lose the low bits
  relu: (x) => (x > 0 ? x : 0),
};

export function unary(op: UnaryOp, x: HostTensor): TypedArray {
  const f = op === 'logicalNot'
    ? (v: number) => (v === 0 ? 1 : 0)
    : x.dtype === 'int32' ? INT_UNARY[op] : FLOAT_UNARY[op];
  if (!f) throw new Error(`template.unary: '${op}' does not take ${x.dtype}`);
  const out = arrayFor(x.dtype, x.data.length);
  for (let i = 0; i < out.length; i++) out[i] = f(x.data[i]);
  return out;
}

// ---- binary ----

/** Remainder with the sign of the divisor, like Python's %. */
function mod(a: number, b: number): number {
  const r = a % b;
  return r !== 0 && (r < 0) !== (b < 0) ? r + b : r;
}

const FLOAT_BINARY: Record<string, (a: number, b: number) => number> = {
  add: (a, b) => a + b,
  sub: (a, b) => a - b,
  mul: (a, b) => a * b,
  div: (a, b) => a / b,
  pow,
  maximum: Math.max,
  minimum: Math.min,
  floorDiv: (a, b) => Math.floor(a / b),
  mod,
};

/** int32 power by repeated (wrapping) multiplication; a negative exponent truncates a^b. */
function intPow(a: number, b: number): number {
  if (b < 0) return Math.trunc(Math.pow(a, b));
  let result = 1;
  for (let i = 0; i < b; i++) result = Math.imul(result, a);
  return result;
}

/** int32 arithmetic: division by zero gives 0; the Int32Array store wraps overflow. */
const INT_BINARY: Record<string, (a: number, b: number) => number> = {
  add: (a, b) => a + b,
  sub: (a, b) => a - b,
  mul: Math.imul,
  div: (a, b) => (b === 0 ? 0 : Math.trunc(a / b)),
  pow: intPow,
  maximum: Math.max,
  minimum: Math.min,
  floorDiv: (a, b) => (b === 0 ? 0 : Math.floor(a / b)),
  mod: (a, b) => (b === 0 ? 0 : mod(a, b)),
};

/** Comparisons and logical ops: any dtype in, bool (0/1) out. */
const TO_BOOL: Record<string, (a: number, b: number) => boolean> = {
  equal: (a, b) => a === b,
  notEqual: (a, b) => a !== b,
  less: (a, b) => a < b,
  lessEqual: (a, b) => a <= b,
  greater: (a, b) => a > b,
  greaterEqual: (a, b) => a >= b,
  logicalAnd: (a, b) => a !== 0 && b !== 0,
  logicalOr: (a, b) => a !== 0 || b !== 0,
};

export function binary(op: BinaryOp, a: HostTensor, b: HostTensor, outShape: readonly number[]): TypedArray {
  const aAt = broadcastIndex(a.shape, outShape);
  const bAt = broadcastIndex(b.shape, outShape);
  const size = sizeOf(outShape);
  const test = TO_BOOL[op];
  if (test) {
    const out = arrayFor('bool', size);
    for (let i = 0; i < size; i++) out[i] = test(a.data[aAt(i)], b.data[bAt(i)]) ? 1 : 0;
    return out;
  }
  const f = a.dtype === 'int32' ? INT_BINARY[op] : FLOAT_BINARY[op];
  const out = arrayFor(a.dtype, size);
  for (let i = 0; i < size; i++) out[i] = f(a.data[aAt(i)], b.data[bAt(i)]);
  return out;
}

/** cond ? a : b, element-wise, all three broadcast to outShape. */
export function select(cond: HostTensor, a: HostTensor, b: HostTensor, outShape: readonly number[]): TypedArray {
  const cAt = broadcastIndex(cond.shape, outShape);
  const aAt = broadcastIndex(a.shape, outShape);
  const bAt = broadcastIndex(b.shape, outShape);
  const out = arrayFor(a.dtype, sizeOf(outShape));
  for (let i = 0; i < out.length; i++) out[i] = cond.data[cAt(i)] !== 0 ? a.data[aAt(i)] : b.data[bAt(i)];
  return out;
}

/** float -> int32 truncates toward zero and saturates (NaN -> 0); anything -> bool is x != 0; bool -> number is 0/1. */
export function cast(x: HostTensor, dtype: DType): TypedArray {
  const out = arrayFor(dtype, x.data.length);
  for (let i = 0; i < out.length; i++) {
    const v = x.data[i];
    out[i] = dtype === 'bool' ? (v !== 0 ? 1 : 0) : dtype === 'int32' ? toInt32(v) : v;
  }
  return out;
}
