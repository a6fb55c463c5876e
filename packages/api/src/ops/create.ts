import { arrayFor, isDType, type DType, type TypedArray } from '../kernel/dtypes.js';
import { activeKernel } from '../kernel/registry.js';
import { emit } from '../engine/emit.js';
import { fmtShape, sizeOf } from '../tensor/shape.js';
import { Tensor, type HostData, type NestedArray, type TensorLike } from '../tensor/tensor.js';

export type { HostData, TensorLike };

function inferShape(values: NestedArray, op: string, arg: string): number[] {
  const shape: number[] = [];
  let v: NestedArray = values;
  while (Array.isArray(v)) {
    shape.push(v.length);
    v = v[0];
  }
  // Verify the array is rectangular, so ragged input fails clearly instead of silently.
  const check = (node: NestedArray, dim: number, path: string): void => {
    if (dim === shape.length) {
      if (Array.isArray(node)) throw new Error(`${op}: argument '${arg}' is ragged at ${path}: expected a number, got an array`);
      if (typeof node !== 'number' && typeof node !== 'boolean') {
        throw new Error(`${op}: argument '${arg}' has a non-numeric element at ${path}: ${JSON.stringify(node)}`);
      }
      return;
    }
    if (!Array.isArray(node) || node.length !== shape[dim]) {
      throw new Error(`${op}: argument '${arg}' is ragged at ${path}: expected an array of length ${shape[dim]}, got ${Array.isArray(node) ? `length ${node.length}` : JSON.stringify(node)}`);
    }
    for (let i = 0; i < node.length; i++) check(node[i], dim + 1, `${path}[${i}]`);
  };
  check(values, 0, arg);
  return shape;
}

function flatten(values: NestedArray, out: number[]): void {
  if (Array.isArray(values)) for (const v of values) flatten(v, out);
  else out.push(typeof values === 'boolean' ? (values ? 1 : 0) : values);
}

function isTypedArray(v: unknown): v is TypedArray {
  return v instanceof Float32Array || v instanceof Int32Array || v instanceof Uint8Array;
}

/**
 * Typed arrays taken by conversion (tfjs takes them too): Float64Array as float32, the other
 * integer arrays that fit in int32 as int32. The conversion copies.
 */
function convertedDType(v: unknown): DType | null {
  if (v instanceof Float64Array) return 'float32';
  if (v instanceof Int8Array || v instanceof Int16Array || v instanceof Uint16Array || v instanceof Uint8ClampedArray) return 'int32';
  return null;
}

/** How a value that is no accepted data form is named in the error. */
function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v !== 'object') return typeof v;
  const name = (v as object).constructor?.name;
  return name && name !== 'Object' ? name : 'an object without data and shape';
}

function dtypeOfArray(v: TypedArray): DType {
  return v instanceof Int32Array ? 'int32' : v instanceof Uint8Array ? 'bool' : 'float32';
}

function coerce(values: ArrayLike<number>, dtype: DType): TypedArray {
  const out = arrayFor(dtype, values.length);
  if (dtype === 'bool') for (let i = 0; i < values.length; i++) out[i] = values[i] ? 1 : 0;
  else out.set(values);
  return out;
}

/**
 * Normalises host data to a typed array and shape (no backend involved). The result owns its
 * array unless `copy` is false: then a typed array already of the right dtype is used as is.
 */
export function toHost(values: Exclude<TensorLike, Tensor>, shape?: readonly number[], dtype?: DType,
  op = 'tensor', arg = 'values', copy = true): {
  /** The elements, row-major, in the typed array of `dtype`. */
  data: TypedArray;
  /** The given shape, or the one inferred from nesting (a flat array is rank 1). */
  shape: number[];
  /** The given dtype, or the data's own (float32 for plain numbers, bool for a boolean). */
  dtype: DType;
} {
  if (dtype !== undefined && !isDType(dtype)) {
    throw new Error(`${op}: dtype must be 'float32', 'int32' or 'bool', got ${JSON.stringify(dtype)}`);
  }
  let flat: ArrayLike<number>;
  let inferred: number[];
  let naturalDType: DType = 'float32';
  if (isTypedArray(values)) {
    flat = values;
    inferred = [values.length];
    naturalDType = dtypeOfArray(values);
  } else if (convertedDType(values)) {
    flat = values as ArrayLike<number>;
    inferred = [flat.length];
    naturalDType = convertedDType(values)!;
  } else if (values !== null && typeof values === 'object' && !Array.isArray(values) && 'data' in values && 'shape' in values) {
    const host = values as HostData;
    flat = host.data;
    if (!isTypedArray(flat) && !convertedDType(flat)) {
      if (!Array.isArray(flat)) throw new Error(`${op}: argument '${arg}'.data must be a typed array or an array of numbers, got ${flat === null ? 'null' : typeof flat}`);
      // A string would become NaN (or a number) silently on the way into a typed array.
      const bad = flat.findIndex((v) => typeof v !== 'number' && typeof v !== 'boolean');
      if (bad >= 0) throw new Error(`${op}: argument '${arg}' has a non-numeric element at data[${bad}]: ${JSON.stringify(flat[bad])}`);
    }
    if (!Array.isArray(host.shape)) throw new Error(`${op}: argument '${arg}'.shape must be an array of integers, got ${JSON.stringify(host.shape)}`);
    inferred = host.shape.slice();
    if (isTypedArray(host.data)) naturalDType = dtypeOfArray(host.data);
    else naturalDType = convertedDType(host.data) ?? naturalDType;
    if (sizeOf(inferred) !== flat.length) {
      throw new Error(`${op}: argument '${arg}' has ${flat.length} values but shape ${fmtShape(inferred)} needs ${sizeOf(inferred)}`);
    }
  } else if (typeof values === 'number' || typeof values === 'boolean' || Array.isArray(values)) {
    inferred = inferShape(values, op, arg);
    const out: number[] = [];
    flatten(values, out);
    flat = out;
    if (typeof values === 'boolean') naturalDType = 'bool';
  } else {
    throw new Error(`${op}: argument '${arg}' must be a Tensor, a nested number array, a typed array (Float32Array, Int32Array, ` +
      `Uint8Array, Float64Array, Int16Array, ...) or { data, shape }, got ${describeValue(values)}`);
  }
  const finalShape = shape ? shape.slice() : inferred;
  for (const d of finalShape) {
    if (!Number.isInteger(d) || d < 0) throw new Error(`${op}: shape ${fmtShape(finalShape)} must hold non-negative integers`);
  }
  if (sizeOf(finalShape) !== flat.length) {
    throw new Error(`${op}: argument '${arg}' has ${flat.length} values but shape ${fmtShape(finalShape)} needs ${sizeOf(finalShape)}`);
  }
  const finalDType = dtype ?? naturalDType;
  const data = isTypedArray(flat) && dtypeOfArray(flat) === finalDType ? (copy ? flat.slice() : flat) : coerce(flat, finalDType);
  return { data, shape: finalShape, dtype: finalDType };
}

/**
 * A new tensor on the active backend holding `data` (already checked against shape and dtype).
 * Every upload goes through here; the kernel copies, so `data` may be the caller's array or a
 * view (a host copy first was a transient 4 MB per 1024^2 input).
 */
export function fromHost(data: TypedArray, shape: readonly number[], dtype: DType): Tensor {
  const kernel = activeKernel();
  return emit(kernel, kernel.upload(data, shape, dtype), shape, dtype);
}

/** Uploads host values as a new tensor on the active backend. */
export function tensor(values: Exclude<TensorLike, Tensor>, shape?: number[], dtype?: DType): Tensor {
  const host = toHost(values, shape, dtype, 'tensor', 'values', false);
  return fromHost(host.data, host.shape, host.dtype);
}

/** `tensor`, checked to be of rank `rank` (tfjs's tensor1d ... tensor4d). */
function ofRank(rank: number, op: string, values: Exclude<TensorLike, Tensor>, shape?: number[], dtype?: DType): Tensor {
  const host = toHost(values, shape, dtype, op, 'values', false);
  if (host.shape.length !== rank) {
    throw new Error(`${op}: expected values of rank ${rank}, got shape ${fmtShape(host.shape)}${shape ? '' : '; give the shape as the second argument'}`);
  }
  return fromHost(host.data, host.shape, host.dtype);
}

/** A rank-1 tensor: `tensor1d([1, 2, 3])`. */
export function tensor1d(values: Exclude<TensorLike, Tensor>, dtype?: DType): Tensor {
  return ofRank(1, 'tensor1d', values, undefined, dtype);
}

/** A rank-2 tensor: `tensor2d([[1, 2], [3, 4]])` or `tensor2d(flat, [rows, columns])`. */
export function tensor2d(values: Exclude<TensorLike, Tensor>, shape?: [number, number], dtype?: DType): Tensor {
  return ofRank(2, 'tensor2d', values, shape, dtype);
}

/** A rank-3 tensor: nested values, or flat values and their shape. */
export function tensor3d(values: Exclude<TensorLike, Tensor>, shape?: [number, number, number], dtype?: DType): Tensor {
  return ofRank(3, 'tensor3d', values, shape, dtype);
}

/** A rank-4 tensor: nested values, or flat values and their shape. */
export function tensor4d(values: Exclude<TensorLike, Tensor>, shape?: [number, number, number, number], dtype?: DType): Tensor {
  return ofRank(4, 'tensor4d', values, shape, dtype);
}

/** A rank-0 tensor holding `value`; dtype float32 (bool for a boolean) unless given. */
export function scalar(value: number | boolean, dtype: DType = typeof value === 'boolean' ? 'bool' : 'float32'): Tensor {
  return tensor(value, [], dtype);
}

/** A new tensor of `shape` with every element `value` (dtype float32 unless given; bool stores 0 or 1). */
export function fill(shape: readonly number[], value: number, dtype: DType = 'float32'): Tensor {
  const data = arrayFor(dtype, sizeOf(shape));
  if (value !== 0) data.fill(dtype === 'bool' ? (value ? 1 : 0) : value);
  return fromHost(data, shape, dtype);
}

/** A new tensor of `shape` filled with 0 (dtype float32 unless given). */
export function zeros(shape: readonly number[], dtype: DType = 'float32'): Tensor {
  return fill(shape, 0, dtype);
}

/** A new tensor of `shape` filled with 1 (dtype float32 unless given). */
export function ones(shape: readonly number[], dtype: DType = 'float32'): Tensor {
  return fill(shape, 1, dtype);
}

/** A new tensor of zeros with `x`'s shape and dtype. */
export function zerosLike(x: Tensor): Tensor {
  return fill(x.shape, 0, x.dtype);
}

/** A new tensor of ones with `x`'s shape and dtype. */
export function onesLike(x: Tensor): Tensor {
  return fill(x.shape, 1, x.dtype);
}

/** [start, start + step, ...) up to `stop` (exclusive). */
export function range(start: number, stop: number, step = 1, dtype: DType = 'float32'): Tensor {
  if (step === 0) throw new Error('range: step must not be 0');
  const n = Math.max(0, Math.ceil((stop - start) / step));
  const data = arrayFor(dtype, n);
  for (let i = 0; i < n; i++) data[i] = start + i * step;
  return fromHost(data, [n], dtype);
}

/** A Tensor as is, or host data uploaded; errors name the op and argument. */
export function toTensor(x: TensorLike, op: string, arg: string, dtype?: DType): Tensor {
  if (x instanceof Tensor) {
    if (x.isDisposed) throw new Error(`${op}: argument '${arg}' (shape ${fmtShape(x.shape)}) is disposed`);
    return x;
  }
  const host = toHost(x, undefined, dtype, op, arg, false);
  return fromHost(host.data, host.shape, host.dtype);
}
