import type { DType, TypedArray } from '../kernel/dtypes.js';
import { arrayFor } from '../kernel/dtypes.js';
import { fromHost, toHost, type TensorLike } from '../ops/create.js';
import { fmtShape, sizeOf } from '../tensor/shape.js';
import { Tensor } from '../tensor/tensor.js';

/** Training data kept on the host; batches are cut from it and uploaded one at a time. */
export interface HostTensor {
  data: TypedArray;
  shape: number[];
  dtype: DType;
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
  try {
    return toHost(x, undefined, undefined, what, 'values', false);
  } catch (err) {
    throw new Error(`${what}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

export function numSamples(h: HostTensor): number {
  return h.shape.length === 0 ? 1 : h.shape[0];
}

/** Rows `indices` of `h`, as a new host tensor. */
export function takeRows(h: HostTensor, indices: ArrayLike<number>): HostTensor {
  const row = sizeOf(h.shape.slice(1));
  const out = arrayFor(h.dtype, indices.length * row);
  for (let i = 0; i < indices.length; i++) {
    const start = indices[i] * row;
    out.set(h.data.subarray(start, start + row), i * row);
  }
  return { data: out, shape: [indices.length, ...h.shape.slice(1)], dtype: h.dtype };
}

/** Rows [start, end) of `h` (a view, no copy). */
export function sliceRows(h: HostTensor, start: number, end: number): HostTensor {
  const row = sizeOf(h.shape.slice(1));
  return { data: h.data.subarray(start * row, end * row), shape: [end - start, ...h.shape.slice(1)], dtype: h.dtype };
}

export function upload(h: HostTensor): Tensor {
  return fromHost(h.data, h.shape, h.dtype);
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
 * Throws if `h` holds NaN or +-Infinity, naming `what` ("fit: 'x'") and the first one's
 * index: one such value turns every weight into NaN at the first training step.
 */
export function checkFinite(h: HostTensor, what: string): void {
  const at = firstNonFinite(h);
  if (at < 0) return;
  throw new Error(`${what} holds ${h.data[at]} at ${indexAt(at, h.shape)} (element ${at} of ${h.data.length}); a non-finite value makes the loss and then every weight NaN. Clean the data, or pass allowNonFinite: true to use it as it is`);
}
