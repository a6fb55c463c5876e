import type { ArithmeticOp, BinaryOp, CompareOp, LogicalOp } from '@layerwise/api';
import { floatMod, powC } from './math.js';
import { broadcastShapes, broadcastSource, makeRef, sizeOf, unravel, type RefTensor } from './tensor.js';

const FLOAT_ARITHMETIC: Record<ArithmeticOp, (a: number, b: number) => number> = {
  add: (a, b) => a + b,
  sub: (a, b) => a - b,
  mul: (a, b) => a * b,
  div: (a, b) => a / b,
  pow: powC,
  maximum: (a, b) => Math.max(a, b),
  minimum: (a, b) => Math.min(a, b),
  floorDiv: (a, b) => Math.floor(a / b),
  mod: floatMod,
};

/** Integer power by repeated multiplication (wrapping); a negative exponent truncates a^b toward zero. */
function intPow(a: number, b: number): number {
  if (b < 0) return Math.trunc(Math.pow(a, b)) | 0;
  let result = 1;
  for (let i = 0; i < b; i++) result = Math.imul(result, a);
  return result;
}

/** int32 arithmetic: results wrap to int32; division by zero gives 0. */
const INT_ARITHMETIC: Record<ArithmeticOp, (a: number, b: number) => number> = {
  add: (a, b) => (a + b) | 0,
  sub: (a, b) => (a - b) | 0,
  mul: (a, b) => Math.imul(a, b),
  div: (a, b) => (b === 0 ? 0 : Math.trunc(a / b) | 0),
  pow: intPow,
  maximum: (a, b) => Math.max(a, b),
  minimum: (a, b) => Math.min(a, b),
  floorDiv: (a, b) => (b === 0 ? 0 : Math.floor(a / b) | 0),
  mod: (a, b) => (b === 0 ? 0 : floatMod(a, b) | 0),
};

const COMPARE: Record<CompareOp, (a: number, b: number) => boolean> = {
  equal: (a, b) => a === b,
  notEqual: (a, b) => a !== b,
  less: (a, b) => a < b,
  lessEqual: (a, b) => a <= b,
  greater: (a, b) => a > b,
  greaterEqual: (a, b) => a >= b,
};

const LOGICAL: Record<LogicalOp, (a: boolean, b: boolean) => boolean> = {
  logicalAnd: (a, b) => a && b,
  logicalOr: (a, b) => a || b,
};

function isCompare(op: BinaryOp): op is CompareOp {
  return op in COMPARE;
}

function isLogical(op: BinaryOp): op is LogicalOp {
  return op in LOGICAL;
}

/** Broadcasting binary ops (numpy rules). Arithmetic keeps the dtype; comparisons and logical ops give bool. */
export function binary(op: BinaryOp, a: RefTensor, b: RefTensor): RefTensor {
  if (a.dtype !== b.dtype) throw new Error(`binary(${op}): dtypes differ (${a.dtype} vs ${b.dtype})`);
  let f: (x: number, y: number) => number;
  let dtype = a.dtype;
  if (isCompare(op)) {
    f = (x, y) => (COMPARE[op](x, y) ? 1 : 0);
    dtype = 'bool';
  } else if (isLogical(op)) {
    if (a.dtype !== 'bool') throw new Error(`binary(${op}): needs bool, got ${a.dtype}`);
    f = (x, y) => (LOGICAL[op](x !== 0, y !== 0) ? 1 : 0);
  } else if (a.dtype === 'float32') {
    f = FLOAT_ARITHMETIC[op];
  } else if (a.dtype === 'int32') {
    f = INT_ARITHMETIC[op];
  } else {
    throw new Error(`binary(${op}): does not take bool`);
  }
  const shape = broadcastShapes(a.shape, b.shape);
  const out = makeRef(shape, dtype);
  for (let i = 0; i < sizeOf(shape); i++) {
    const index = unravel(i, shape);
    out.data[i] = f(a.data[broadcastSource(index, a.shape)], b.data[broadcastSource(index, b.shape)]);
  }
  return out;
}

/** `cond ? a : b` with all three broadcast together; the result has a's dtype. */
export function select(cond: RefTensor, a: RefTensor, b: RefTensor): RefTensor {
  const shape = broadcastShapes(cond.shape, a.shape, b.shape);
  const out = makeRef(shape, a.dtype);
  for (let i = 0; i < sizeOf(shape); i++) {
    const index = unravel(i, shape);
    const c = cond.data[broadcastSource(index, cond.shape)];
    out.data[i] = c !== 0 ? a.data[broadcastSource(index, a.shape)] : b.data[broadcastSource(index, b.shape)];
  }
  return out;
}
