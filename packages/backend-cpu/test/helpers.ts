import type { DType, TensorRef, TypedArray, Buffer } from '@layerwise/api';
import { CpuKernel } from '../src/cpu-kernel.js';

export const k = new CpuKernel();

/** Uploads plain numbers as a TensorRef. */
export function t(values: number[] | TypedArray, shape: number[], dtype: DType = 'float32'): TensorRef {
  const arr = dtype === 'float32' ? Float32Array.from(values as ArrayLike<number>)
    : dtype === 'int32' ? Int32Array.from(values as ArrayLike<number>) : Uint8Array.from(values as ArrayLike<number>);
  return { buffer: k.upload(arr, shape, dtype), shape, dtype };
}

/** Downloads a result buffer as plain numbers and disposes it. */
export function read(buffer: Buffer, shape: number[] = [], dtype: DType = 'float32'): number[] {
  const out = Array.from(k.downloadSync({ buffer, shape, dtype }));
  k.dispose(buffer);
  return out;
}

export function ref(buffer: Buffer, shape: number[], dtype: DType = 'float32'): TensorRef {
  return { buffer, shape, dtype };
}

/** Deterministic pseudo-random floats in [-1, 1). */
export function rand(n: number, seed = 1): Float32Array {
  let s = seed >>> 0 || 1;
  const a = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0;
    a[i] = (s / 4294967296) * 2 - 1;
  }
  return a;
}

export function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol = 1e-5): void {
  if (actual.length !== expected.length) throw new Error(`length ${actual.length} != ${expected.length}`);
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i], e = expected[i];
    if (Number.isNaN(e) && Number.isNaN(a)) continue;
    if (a === e) continue;
    if (!(Math.abs(a - e) <= tol * (1 + Math.abs(e)))) throw new Error(`at ${i}: got ${a}, expected ${e}`);
  }
}
