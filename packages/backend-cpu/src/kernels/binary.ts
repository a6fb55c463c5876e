import type { BinaryOp, DType, TypedArray } from '@layerwise/api';
import type { Tensor } from '../util/tensor.js';
import { arrayOf, bools } from '../util/alloc.js';
import { BroadcastWalk } from '../util/broadcast.js';
import { sizeOf } from '../util/shape.js';
import { powC } from '../util/math.js';

/**
 * Broadcasting binary ops. Each op has its own loop (no per-element calls), run once per
 * contiguous run of the output (one run when the shapes match; one per row for a bias add).
 */
export function binary(op: BinaryOp, a: Tensor, b: Tensor, outShape: readonly number[]): TypedArray {
  const n = sizeOf(outShape);
  const run = runFor(op, a.dtype);
  const o = run === compare || run === logical ? bools(n) : arrayOf(a.dtype, n);
  const w = new BroadcastWalk([a.shape, b.shape], outShape);
  const sa = w.stride[0], sb = w.stride[1], len = w.inner;
  for (let r = 0, i = 0; r < w.rows; r++, i += len, w.next()) run(op, o, i, len, a.data, w.base[0], sa, b.data, w.base[1], sb);
  return o;
}

/**
 * One run: o[i + j] = a[x + j * sx] op b[y + j * sy] for j < len. sx / sy are 1, or 0 for an
 * operand broadcast along the run.
 */
type Run = (op: BinaryOp, o: TypedArray, i: number, len: number,
  a: TypedArray, x: number, sx: number, b: TypedArray, y: number, sy: number) => void;

function runFor(op: BinaryOp, dtype: DType): Run {
  switch (op) {
    case 'equal': case 'notEqual': case 'less': case 'lessEqual': case 'greater': case 'greaterEqual':
      return compare;
    case 'logicalAnd': case 'logicalOr':
      return logical;
    default:
      return dtype === 'int32' ? arithmeticInt : arithmeticFloat;
  }
}

function floatMod(x: number, y: number): number {
  const r = x % y;
  return r !== 0 && (r < 0) !== (y < 0) ? r + y : r;
}

function intMod(x: number, y: number): number {
  if (y === 0) return 0;
  const r = x % y;
  return r !== 0 && (r < 0) !== (y < 0) ? r + y : r;
}

function arithmeticFloat(op: BinaryOp, o: TypedArray, i: number, len: number,
  a: TypedArray, x: number, sx: number, b: TypedArray, y: number, sy: number): void {
  // Same-index loops run twice as fast as offset ones in V8, and elementwise ops on same-shape
  // tensors are most of training; a scalar operand is hoisted out of the loop.
  if (sx === 1 && sy === 1 && x === i && y === i) return sameIndexFloat(op, o, a, b, i, i + len);
  if (sx === 1 && sy === 0 && (op === 'add' || op === 'sub' || op === 'mul' || op === 'div')) {
    return scalarRightFloat(op, o, i, len, a, x, b[y]);
  }
  switch (op) {
    case 'add': for (let j = 0; j < len; j++) o[i + j] = a[x + j * sx] + b[y + j * sy]; break;
    case 'sub': for (let j = 0; j < len; j++) o[i + j] = a[x + j * sx] - b[y + j * sy]; break;
    case 'mul': for (let j = 0; j < len; j++) o[i + j] = a[x + j * sx] * b[y + j * sy]; break;
    case 'div': for (let j = 0; j < len; j++) o[i + j] = a[x + j * sx] / b[y + j * sy]; break;
    case 'pow': for (let j = 0; j < len; j++) o[i + j] = powC(a[x + j * sx], b[y + j * sy]); break;
    case 'maximum': for (let j = 0; j < len; j++) { const p = a[x + j * sx], q = b[y + j * sy]; o[i + j] = p > q ? p : q >= p ? q : NaN; } break;
    case 'minimum': for (let j = 0; j < len; j++) { const p = a[x + j * sx], q = b[y + j * sy]; o[i + j] = p < q ? p : q <= p ? q : NaN; } break;
    case 'floorDiv': for (let j = 0; j < len; j++) o[i + j] = Math.floor(a[x + j * sx] / b[y + j * sy]); break;
    case 'mod': for (let j = 0; j < len; j++) o[i + j] = floatMod(a[x + j * sx], b[y + j * sy]); break;
    default: throw new Error(`cpu backend: binary '${op}' is not arithmetic`);
  }
}

function sameIndexFloat(op: BinaryOp, o: TypedArray, a: TypedArray, b: TypedArray, start: number, end: number): void {
  switch (op) {
    case 'add': for (let i = start; i < end; i++) o[i] = a[i] + b[i]; break;
    case 'sub': for (let i = start; i < end; i++) o[i] = a[i] - b[i]; break;
    case 'mul': for (let i = start; i < end; i++) o[i] = a[i] * b[i]; break;
    case 'div': for (let i = start; i < end; i++) o[i] = a[i] / b[i]; break;
    case 'pow': for (let i = start; i < end; i++) o[i] = powC(a[i], b[i]); break;
    case 'maximum': for (let i = start; i < end; i++) { const p = a[i], q = b[i]; o[i] = p > q ? p : q >= p ? q : NaN; } break;
    case 'minimum': for (let i = start; i < end; i++) { const p = a[i], q = b[i]; o[i] = p < q ? p : q <= p ? q : NaN; } break;
    case 'floorDiv': for (let i = start; i < end; i++) o[i] = Math.floor(a[i] / b[i]); break;
    case 'mod': for (let i = start; i < end; i++) o[i] = floatMod(a[i], b[i]); break;
    default: throw new Error(`cpu backend: binary '${op}' is not arithmetic`);
  }
}

function scalarRightFloat(op: BinaryOp, o: TypedArray, i: number, len: number, a: TypedArray, x: number, q: number): void {
  switch (op) {
    case 'add': for (let j = 0; j < len; j++) o[i + j] = a[x + j] + q; break;
    case 'sub': for (let j = 0; j < len; j++) o[i + j] = a[x + j] - q; break;
    case 'mul': for (let j = 0; j < len; j++) o[i + j] = a[x + j] * q; break;
    default: for (let j = 0; j < len; j++) o[i + j] = a[x + j] / q; break;
  }
}

function arithmeticInt(op: BinaryOp, o: TypedArray, i: number, len: number,
  a: TypedArray, x: number, sx: number, b: TypedArray, y: number, sy: number): void {
  // Int32Array stores truncate toward zero, which is exactly int32 `div`.
  switch (op) {
    case 'add': for (let j = 0; j < len; j++) o[i + j] = a[x + j * sx] + b[y + j * sy]; break;
    case 'sub': for (let j = 0; j < len; j++) o[i + j] = a[x + j * sx] - b[y + j * sy]; break;
    case 'mul': for (let j = 0; j < len; j++) o[i + j] = Math.imul(a[x + j * sx], b[y + j * sy]); break;
    case 'div': for (let j = 0; j < len; j++) { const q = b[y + j * sy]; o[i + j] = q === 0 ? 0 : a[x + j * sx] / q; } break;
    case 'pow': for (let j = 0; j < len; j++) o[i + j] = intPow(a[x + j * sx], b[y + j * sy]); break;
    case 'maximum': for (let j = 0; j < len; j++) { const p = a[x + j * sx], q = b[y + j * sy]; o[i + j] = p > q ? p : q; } break;
    case 'minimum': for (let j = 0; j < len; j++) { const p = a[x + j * sx], q = b[y + j * sy]; o[i + j] = p < q ? p : q; } break;
    case 'floorDiv': for (let j = 0; j < len; j++) { const q = b[y + j * sy]; o[i + j] = q === 0 ? 0 : Math.floor(a[x + j * sx] / q); } break;
    case 'mod': for (let j = 0; j < len; j++) o[i + j] = intMod(a[x + j * sx], b[y + j * sy]); break;
    default: throw new Error(`cpu backend: binary '${op}' is not arithmetic`);
  }
}

/** Integer power with int32 wrap-around; negative exponents give trunc(x^e) (0 unless |x| is 1). */
function intPow(x: number, e: number): number {
  if (e < 0) return x === 1 ? 1 : x === -1 ? (e % 2 === 0 ? 1 : -1) : 0;
  let result = 1;
  let base = x | 0;
  while (e > 0) {
    if (e & 1) result = Math.imul(result, base);
    base = Math.imul(base, base);
    e >>>= 1;
  }
  return result;
}

function compare(op: BinaryOp, o: TypedArray, i: number, len: number,
  a: TypedArray, x: number, sx: number, b: TypedArray, y: number, sy: number): void {
  switch (op) {
    case 'equal': for (let j = 0; j < len; j++) o[i + j] = a[x + j * sx] === b[y + j * sy] ? 1 : 0; break;
    case 'notEqual': for (let j = 0; j < len; j++) o[i + j] = a[x + j * sx] !== b[y + j * sy] ? 1 : 0; break;
    case 'less': for (let j = 0; j < len; j++) o[i + j] = a[x + j * sx] < b[y + j * sy] ? 1 : 0; break;
    case 'lessEqual': for (let j = 0; j < len; j++) o[i + j] = a[x + j * sx] <= b[y + j * sy] ? 1 : 0; break;
    case 'greater': for (let j = 0; j < len; j++) o[i + j] = a[x + j * sx] > b[y + j * sy] ? 1 : 0; break;
    case 'greaterEqual': for (let j = 0; j < len; j++) o[i + j] = a[x + j * sx] >= b[y + j * sy] ? 1 : 0; break;
    default: throw new Error(`cpu backend: binary '${op}' is not a comparison`);
  }
}

function logical(op: BinaryOp, o: TypedArray, i: number, len: number,
  a: TypedArray, x: number, sx: number, b: TypedArray, y: number, sy: number): void {
  if (op === 'logicalAnd') for (let j = 0; j < len; j++) o[i + j] = a[x + j * sx] !== 0 && b[y + j * sy] !== 0 ? 1 : 0;
  else for (let j = 0; j < len; j++) o[i + j] = a[x + j * sx] !== 0 || b[y + j * sy] !== 0 ? 1 : 0;
}
