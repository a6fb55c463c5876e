import type { BinaryOp, TypedArray } from '@layerwise/api';
import type { Tensor } from '../util/tensor.js';
import { broadcastIndex, identityIndex } from '../util/broadcast.js';
import { sizeOf, sameShape } from '../util/shape.js';

/** True when `shape` (ignoring leading 1s) equals the trailing dims of `outShape`: b repeats per row. */
function isTrailing(shape: readonly number[], outShape: readonly number[]): boolean {
  let i = 0;
  while (i < shape.length && shape[i] === 1) i++;
  const rest = shape.length - i;
  if (rest > outShape.length) return false;
  for (let j = 0; j < rest; j++) if (shape[i + j] !== outShape[outShape.length - rest + j]) return false;
  return true;
}

/** The bias-add shape: a is full size, b is one row repeated (a scalar is a row of length 1). */
function rowBroadcast(op: BinaryOp, a: Float32Array, b: Float32Array, n: number): Float32Array {
  const o = new Float32Array(n);
  const w = b.length;
  if (w === 0 || n === 0) return o;
  if (w === 1) {
    const y = b[0];
    switch (op) {
      case 'add': for (let i = 0; i < n; i++) o[i] = a[i] + y; break;
      case 'sub': for (let i = 0; i < n; i++) o[i] = a[i] - y; break;
      case 'mul': for (let i = 0; i < n; i++) o[i] = a[i] * y; break;
      default: for (let i = 0; i < n; i++) o[i] = a[i] / y; break;
    }
    return o;
  }
  switch (op) {
    case 'add': for (let r = 0; r < n; r += w) for (let j = 0; j < w; j++) o[r + j] = a[r + j] + b[j]; break;
    case 'sub': for (let r = 0; r < n; r += w) for (let j = 0; j < w; j++) o[r + j] = a[r + j] - b[j]; break;
    case 'mul': for (let r = 0; r < n; r += w) for (let j = 0; j < w; j++) o[r + j] = a[r + j] * b[j]; break;
    default: for (let r = 0; r < n; r += w) for (let j = 0; j < w; j++) o[r + j] = a[r + j] / b[j]; break;
  }
  return o;
}

/**
 * Broadcasting binary ops. Each op has its own loop (no per-element calls): a contiguous
 * loop when both shapes equal `outShape`, otherwise an indexed loop over broadcast maps.
 */
export function binary(op: BinaryOp, a: Tensor, b: Tensor, outShape: readonly number[]): TypedArray {
  const n = sizeOf(outShape);
  if (a.dtype === 'float32' && (op === 'add' || op === 'sub' || op === 'mul' || op === 'div') &&
    sameShape(a.shape, outShape) && isTrailing(b.shape, outShape)) {
    return rowBroadcast(op, a.data as Float32Array, b.data as Float32Array, n);
  }
  let ia = broadcastIndex(a.shape, outShape);
  let ib = broadcastIndex(b.shape, outShape);
  if (ia !== null || ib !== null) {
    ia ??= identityIndex(n);
    ib ??= identityIndex(n);
  }
  switch (op) {
    case 'equal': case 'notEqual': case 'less': case 'lessEqual': case 'greater': case 'greaterEqual':
      return compare(op, a.data, b.data, n, ia, ib);
    case 'logicalAnd': case 'logicalOr':
      return logical(op, a.data as Uint8Array, b.data as Uint8Array, n, ia, ib);
    default:
      if (a.dtype === 'int32') return arithmeticInt(op, a.data as Int32Array, b.data as Int32Array, n, ia, ib);
      return arithmeticFloat(op, a.data as Float32Array, b.data as Float32Array, n, ia, ib);
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

function arithmeticFloat(op: BinaryOp, a: Float32Array, b: Float32Array, n: number,
  ia: Int32Array | null, ib: Int32Array | null): Float32Array {
  const o = new Float32Array(n);
  if (ia === null || ib === null) {
    switch (op) {
      case 'add': for (let i = 0; i < n; i++) o[i] = a[i] + b[i]; break;
      case 'sub': for (let i = 0; i < n; i++) o[i] = a[i] - b[i]; break;
      case 'mul': for (let i = 0; i < n; i++) o[i] = a[i] * b[i]; break;
      case 'div': for (let i = 0; i < n; i++) o[i] = a[i] / b[i]; break;
      case 'pow': for (let i = 0; i < n; i++) o[i] = Math.pow(a[i], b[i]); break;
      case 'maximum': for (let i = 0; i < n; i++) { const x = a[i], y = b[i]; o[i] = x > y ? x : y >= x ? y : NaN; } break;
      case 'minimum': for (let i = 0; i < n; i++) { const x = a[i], y = b[i]; o[i] = x < y ? x : y <= x ? y : NaN; } break;
      case 'floorDiv': for (let i = 0; i < n; i++) o[i] = Math.floor(a[i] / b[i]); break;
      case 'mod': for (let i = 0; i < n; i++) o[i] = floatMod(a[i], b[i]); break;
      default: throw new Error(`cpu backend: binary '${op}' is not arithmetic`);
    }
    return o;
  }
  switch (op) {
    case 'add': for (let i = 0; i < n; i++) o[i] = a[ia[i]] + b[ib[i]]; break;
    case 'sub': for (let i = 0; i < n; i++) o[i] = a[ia[i]] - b[ib[i]]; break;
    case 'mul': for (let i = 0; i < n; i++) o[i] = a[ia[i]] * b[ib[i]]; break;
    case 'div': for (let i = 0; i < n; i++) o[i] = a[ia[i]] / b[ib[i]]; break;
    case 'pow': for (let i = 0; i < n; i++) o[i] = Math.pow(a[ia[i]], b[ib[i]]); break;
    case 'maximum': for (let i = 0; i < n; i++) { const x = a[ia[i]], y = b[ib[i]]; o[i] = x > y ? x : y >= x ? y : NaN; } break;
    case 'minimum': for (let i = 0; i < n; i++) { const x = a[ia[i]], y = b[ib[i]]; o[i] = x < y ? x : y <= x ? y : NaN; } break;
    case 'floorDiv': for (let i = 0; i < n; i++) o[i] = Math.floor(a[ia[i]] / b[ib[i]]); break;
    case 'mod': for (let i = 0; i < n; i++) o[i] = floatMod(a[ia[i]], b[ib[i]]); break;
    default: throw new Error(`cpu backend: binary '${op}' is not arithmetic`);
  }
  return o;
}

function arithmeticInt(op: BinaryOp, a: Int32Array, b: Int32Array, n: number,
  ia: Int32Array | null, ib: Int32Array | null): Int32Array {
  const o = new Int32Array(n);
  ia ??= identityIndex(n);
  ib ??= identityIndex(n);
  switch (op) {
    case 'add': for (let i = 0; i < n; i++) o[i] = a[ia[i]] + b[ib[i]]; break;
    case 'sub': for (let i = 0; i < n; i++) o[i] = a[ia[i]] - b[ib[i]]; break;
    case 'mul': for (let i = 0; i < n; i++) o[i] = Math.imul(a[ia[i]], b[ib[i]]); break;
    case 'div': for (let i = 0; i < n; i++) { const y = b[ib[i]]; o[i] = y === 0 ? 0 : a[ia[i]] / y; } break;
    case 'pow': for (let i = 0; i < n; i++) o[i] = intPow(a[ia[i]], b[ib[i]]); break;
    case 'maximum': for (let i = 0; i < n; i++) { const x = a[ia[i]], y = b[ib[i]]; o[i] = x > y ? x : y; } break;
    case 'minimum': for (let i = 0; i < n; i++) { const x = a[ia[i]], y = b[ib[i]]; o[i] = x < y ? x : y; } break;
    case 'floorDiv': for (let i = 0; i < n; i++) { const y = b[ib[i]]; o[i] = y === 0 ? 0 : Math.floor(a[ia[i]] / y); } break;
    case 'mod': for (let i = 0; i < n; i++) o[i] = intMod(a[ia[i]], b[ib[i]]); break;
    default: throw new Error(`cpu backend: binary '${op}' is not arithmetic`);
  }
  // Int32Array stores truncate toward zero, which is exactly int32 `div`.
  return o;
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

function compare(op: BinaryOp, a: TypedArray, b: TypedArray, n: number,
  ia: Int32Array | null, ib: Int32Array | null): Uint8Array {
  const o = new Uint8Array(n);
  ia ??= identityIndex(n);
  ib ??= identityIndex(n);
  switch (op) {
    case 'equal': for (let i = 0; i < n; i++) o[i] = a[ia[i]] === b[ib[i]] ? 1 : 0; break;
    case 'notEqual': for (let i = 0; i < n; i++) o[i] = a[ia[i]] !== b[ib[i]] ? 1 : 0; break;
    case 'less': for (let i = 0; i < n; i++) o[i] = a[ia[i]] < b[ib[i]] ? 1 : 0; break;
    case 'lessEqual': for (let i = 0; i < n; i++) o[i] = a[ia[i]] <= b[ib[i]] ? 1 : 0; break;
    case 'greater': for (let i = 0; i < n; i++) o[i] = a[ia[i]] > b[ib[i]] ? 1 : 0; break;
    case 'greaterEqual': for (let i = 0; i < n; i++) o[i] = a[ia[i]] >= b[ib[i]] ? 1 : 0; break;
    default: throw new Error(`cpu backend: binary '${op}' is not a comparison`);
  }
  return o;
}

function logical(op: BinaryOp, a: Uint8Array, b: Uint8Array, n: number,
  ia: Int32Array | null, ib: Int32Array | null): Uint8Array {
  const o = new Uint8Array(n);
  ia ??= identityIndex(n);
  ib ??= identityIndex(n);
  if (op === 'logicalAnd') for (let i = 0; i < n; i++) o[i] = a[ia[i]] !== 0 && b[ib[i]] !== 0 ? 1 : 0;
  else for (let i = 0; i < n; i++) o[i] = a[ia[i]] !== 0 || b[ib[i]] !== 0 ? 1 : 0;
  return o;
}
