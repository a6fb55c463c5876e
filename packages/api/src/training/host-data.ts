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
  // `what` is "<method>: '<argument>'" (or "<method>: <argument>"): toHost names both itself,
  // once ("fit: argument 'x' is ragged at x[1]: ...").
  const at = what.indexOf(': ');
  const [op, arg] = at < 0 ? [what, 'values'] : [what.slice(0, at), what.slice(at + 2).replace(/^'(.*)'$/, '$1')];
  return toHost(x, undefined, undefined, op, arg, false);
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
