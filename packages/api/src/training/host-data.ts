import type { DType, TypedArray } from '../kernel/dtypes.js';
import { arrayFor } from '../kernel/dtypes.js';
import { activeKernel } from '../kernel/registry.js';
import { fromHost, toHost, type TensorLike } from '../ops/create.js';
import { gather } from '../ops/gather.js';
import { slice } from '../ops/layout.js';
import { reshape } from '../ops/reshape.js';
import { sum } from '../ops/reduce.js';
import { tidy } from '../engine/scope.js';
import { fmtShape, shapesEqual, sizeOf } from '../tensor/shape.js';
import { Tensor } from '../tensor/tensor.js';

/** Training data kept on the host; batches are cut from it and uploaded one at a time. */
export interface HostTensor {
  data: TypedArray;
  shape: number[];
  dtype: DType;
}

/**
 * A Tensor argument on the active backend, left there: batches are cut from it on the backend
 * (a slice, or a gather for shuffled rows: one kernel call each), so it is never downloaded,
 * and fit / predict on a Tensor cost what they cost on host arrays. `rows` picks rows of
 * `tensor` (null: all, in order); `shape` is the logical shape (rows first), which a
 * standardized target may have reshaped.
 */
export interface DeviceTensor {
  tensor: Tensor;
  rows: { start: number; end: number } | Int32Array | null;
  shape: number[];
  dtype: DType;
}

/** Training data: on the host, or a Tensor kept on its backend. */
export type DataArray = HostTensor | DeviceTensor;

export function isDevice(a: DataArray): a is DeviceTensor {
  return 'tensor' in a;
}

/**
 * Any accepted data form as training data: a Tensor on the active backend stays there
 * (DeviceTensor); everything else is read into host memory as by toHostTensor.
 */
export async function toDataArray(x: TensorLike, what: string): Promise<DataArray> {
  if (x instanceof Tensor && !x.isDisposed && x.storage!.kernel === activeKernel()) {
    return { tensor: x, rows: null, shape: x.shape.slice(), dtype: x.dtype };
  }
  return toHostTensor(x, what);
}

/** The values on the host: a DeviceTensor's rows are cut on the backend and downloaded. */
export async function hostOf(a: DataArray): Promise<HostTensor> {
  if (!isDevice(a)) return a;
  const t = upload(a);
  try {
    return { data: await t.data(), shape: a.shape.slice(), dtype: a.dtype };
  } finally {
    t.dispose();
  }
}

/**
 * Reads any accepted data form into host memory (downloading a Tensor). A typed array of the
 * right dtype is read in place, not copied (a copy of a 10000 x 784 input cost 5% of a predict
 * and its own 31 MB of peak memory): fit, evaluate and predict read the caller's arrays while
 * they run, so change them only once the call has settled.
 */
export async function toHostTensor(x: TensorLike, what: string): Promise<HostTensor> {
  if (x instanceof Tensor) {
    if (x.isDisposed) throw new Error(`${what} is a disposed tensor (shape ${fmtShape(x.shape)})`);
    return { data: await x.data(), shape: x.shape.slice(), dtype: x.dtype };
  }
  // `what` is "<method>: '<argument>'" (or "<method>: <argument>"): toHost names both itself,
  // once ("fit: argument 'x' is ragged at x[1]: ...").
  const at = what.indexOf(': ');
  const [op, arg] = at < 0 ? [what, 'values'] : [what.slice(0, at), what.slice(at + 2).replace(/^'(.*)'$/, '$1')];
  return toHost(x, undefined, undefined, op, arg, false);
}

export function numSamples(h: DataArray): number {
  return h.shape.length === 0 ? 1 : h.shape[0];
}

/** Rows `indices` of `h`, as a new host tensor (a DeviceTensor selects them lazily). */
export function takeRows<A extends DataArray>(h: A, indices: ArrayLike<number>): A {
  if (isDevice(h)) {
    const picked = Int32Array.from(indices, (i) => rowOf(h, i));
    return { ...h, rows: picked, shape: [indices.length, ...h.shape.slice(1)] };
  }
  const row = sizeOf(h.shape.slice(1));
  const out = arrayFor(h.dtype, indices.length * row);
  for (let i = 0; i < indices.length; i++) {
    const start = indices[i] * row;
    out.set(h.data.subarray(start, start + row), i * row);
  }
  return { data: out, shape: [indices.length, ...h.shape.slice(1)], dtype: h.dtype } as A;
}

/** Rows [start, end) of `h` (a view, no copy). */
export function sliceRows<A extends DataArray>(h: A, start: number, end: number): A {
  if (isDevice(h)) {
    const rows = h.rows instanceof Int32Array ? h.rows.subarray(start, end) : { start: rowOf(h, start), end: rowOf(h, start) + end - start };
    return { ...h, rows, shape: [end - start, ...h.shape.slice(1)] };
  }
  const row = sizeOf(h.shape.slice(1));
  return { data: h.data.subarray(start * row, end * row), shape: [end - start, ...h.shape.slice(1)], dtype: h.dtype } as A;
}

/** The row of `h.tensor` that row `i` of `h` is. */
function rowOf(h: DeviceTensor, i: number): number {
  if (h.rows === null) return i;
  return h.rows instanceof Int32Array ? h.rows[i] : h.rows.start + i;
}

/**
 * A new tensor on the active backend holding `h`: uploaded from the host, or cut from a
 * DeviceTensor on the backend (a view of the tensor itself when every row is taken in order,
 * so disposing the result never frees the caller's tensor).
 */
export function upload(h: DataArray): Tensor {
  if (!isDevice(h)) return fromHost(h.data, h.shape, h.dtype);
  const { tensor, rows } = h;
  if (rows === null || (!(rows instanceof Int32Array) && rows.start === 0 && rows.end === tensor.shape[0])) return reshape(tensor, h.shape);
  let cut: Tensor;
  if (rows instanceof Int32Array) {
    const indices = fromHost(rows, [rows.length], 'int32');
    try {
      cut = gather(tensor, indices, 0);
    } finally {
      indices.dispose();
    }
  } else {
    cut = slice(tensor, [rows.start, ...tensor.shape.slice(1).map(() => 0)], [rows.end - rows.start, ...tensor.shape.slice(1)]);
  }
  if (shapesEqual(cut.shape, h.shape)) return cut;
  try {
    return reshape(cut, h.shape);
  } finally {
    cut.dispose();
  }
}

const EXPONENT = 0x7f800000;

/**
 * The flat index of the first NaN or +-Infinity in `h`, or -1. int32 and bool data are always
 * finite. One branch-free pass over the float bits (an exponent of all ones is NaN or
 * Infinity), then a second pass only to find where: it costs about 2 ns an element, under 2%
 * of a training step on the same data (bench/non-finite-check.mjs).
 */
export function firstNonFinite(h: HostTensor): number {
  if (h.dtype !== 'float32') return -1;
  const d = h.data as Float32Array;
  const bits = new Int32Array(d.buffer, d.byteOffset, d.length);
  // ((b & EXPONENT) ^ EXPONENT) is 0 only for NaN and +-Infinity; minus 1 sets the sign bit then.
  let a = 0;
  let b = 0;
  const even = bits.length & ~1;
  let i = 0;
  for (; i < even; i += 2) {
    a |= ((bits[i] & EXPONENT) ^ EXPONENT) - 1;
    b |= ((bits[i + 1] & EXPONENT) ^ EXPONENT) - 1;
  }
  if (i < bits.length) a |= ((bits[i] & EXPONENT) ^ EXPONENT) - 1;
  if ((a | b) >= 0) return -1;
  for (let k = 0; k < d.length; k++) if (!Number.isFinite(d[k])) return k;
  return -1;
}

/** 'at [3, 1]' for flat index 7 of shape [n, 2] (the index within the array as given). */
function indexAt(flat: number, shape: readonly number[]): string {
  const idx: number[] = [];
  let rest = flat;
  for (let k = shape.length - 1; k >= 0; k--) {
    idx.unshift(shape[k] === 0 ? 0 : rest % shape[k]);
    rest = shape[k] === 0 ? 0 : Math.floor(rest / shape[k]);
  }
  return `[${idx.join(', ')}]`;
}

/**
 * checkFinite for a Tensor left on its backend, reading back one number instead of the values:
 * the sum of float values is finite exactly when every value is, unless finite values
 * overflow it, and then the values are read back and checked one by one.
 */
export async function checkFiniteOnDevice(a: DeviceTensor, what: string): Promise<void> {
  if (a.dtype !== 'float32') return;
  const total = tidy(() => sum(upload(a)));
  let value: number;
  try {
    value = (await total.data())[0];
  } finally {
    total.dispose();
  }
  if (!Number.isFinite(value)) checkFinite(await hostOf(a), what);
}

/**
 * Throws if `h` holds NaN or +-Infinity, naming `what` ("fit: 'x'") and the first one's
 * index: one such value turns every weight into NaN at the first training step.
 */
export function checkFinite(h: HostTensor, what: string): void {
  const at = firstNonFinite(h);
  if (at < 0) return;
  throw new Error(`${what} holds ${h.data[at]} at ${indexAt(at, h.shape)} (element ${at} of ${h.data.length}); a non-finite value makes the loss and then every weight NaN. Clean the data, or pass allowNonFinite: true to use it as it is`);
}
