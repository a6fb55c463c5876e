import type { UnaryOp } from '@layerwise/api';
import { erf, roundHalfToEven, sigmoid, softplus } from './math.js';
import { makeRef, type RefTensor } from './tensor.js';

const FLOAT_UNARY: Record<Exclude<UnaryOp, 'logicalNot'>, (x: number) => number> = {
  neg: (x) => -x,
  abs: (x) => Math.abs(x),
  sign: (x) => (x > 0 ? 1 : x < 0 ? -1 : x === 0 ? 0 : NaN),
  square: (x) => x * x,
  // NaN is neither > 0 nor <= 0: it passes through (a select-based relu would drop it).
  relu: (x) => (x <= 0 ? 0 : x),
  exp: (x) => Math.exp(x),
  expm1: (x) => Math.expm1(x),
  log: (x) => Math.log(x),
  log1p: (x) => Math.log1p(x),
  sqrt: (x) => Math.sqrt(x),
  rsqrt: (x) => 1 / Math.sqrt(x),
  reciprocal: (x) => 1 / x,
  tanh: (x) => Math.tanh(x),
  sigmoid,
  softplus,
  erf,
  sin: (x) => Math.sin(x),
  cos: (x) => Math.cos(x),
  floor: (x) => Math.floor(x),
  ceil: (x) => Math.ceil(x),
  round: roundHalfToEven,
};

/** int32 versions: the result is wrapped to int32 like an Int32Array store. */
const INT_UNARY: Partial<Record<UnaryOp, (x: number) => number>> = {
  neg: (x) => -x | 0,
  abs: (x) => Math.abs(x) | 0,
  sign: (x) => (x > 0 ? 1 : x < 0 ? -1 : 0),
  square: (x) => Math.imul(x, x),
  relu: (x) => (x > 0 ? x : 0),
};

/**
 * Element-wise functions of one argument. float32 takes every op but `logicalNot`;
 * int32 takes neg/abs/sign/square/relu; bool takes `logicalNot`. The dtype is kept.
 */
export function unary(op: UnaryOp, x: RefTensor): RefTensor {
  let f: ((v: number) => number) | undefined;
  if (op === 'logicalNot') {
    if (x.dtype !== 'bool') throw new Error(`unary(logicalNot): needs bool, got ${x.dtype}`);
    f = (v) => (v !== 0 ? 0 : 1);
  } else if (x.dtype === 'float32') {
    f = FLOAT_UNARY[op];
  } else if (x.dtype === 'int32') {
    f = INT_UNARY[op];
  }
  if (!f) throw new Error(`unary(${op}): does not take ${x.dtype}`);
  const out = makeRef(x.shape, x.dtype);
  for (let i = 0; i < x.data.length; i++) out.data[i] = f(x.data[i]);
  return out;
}
