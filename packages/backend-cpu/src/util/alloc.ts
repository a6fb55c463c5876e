import type { DType, TypedArray } from '@layerwise/api';

/**
 * Kernel output arrays. Each is zero-filled, like a fresh typed array, but comes from the arrays
 * of disposed tensors when one of the same type and length is free.
 *
 * Why: training makes the same shapes every step, and every kernel output used to be a fresh
 * array that only V8's collector freed, steps later. An LSTM step allocated ~65 MB of 16-64 KB
 * arrays; glibc kept the churned pages, and peak RSS tracked the garbage, not the live set.
 * Arrays come back only through `recycle` (the storage's dispose), never while referenced.
 *
 * Bounded: at most POOL_BYTES are kept, none larger than MAX_ARRAY_BYTES, so the pool holds
 * at most 16 MiB once training stops (`clearRecycled` drops it).
 */
const POOL_BYTES = 16 << 20;
const MAX_ARRAY_BYTES = 4 << 20;

type Free = Map<number, TypedArray[]>;
const free: Record<DType, Free> = { float32: new Map(), int32: new Map(), bool: new Map() };
let pooledBytes = 0;

function dtypeOf(a: TypedArray): DType {
  return a instanceof Float32Array ? 'float32' : a instanceof Int32Array ? 'int32' : 'bool';
}

function take(dtype: DType, n: number): TypedArray | undefined {
  const list = free[dtype].get(n);
  const a = list?.pop();
  if (a === undefined) return undefined;
  pooledBytes -= a.byteLength;
  a.fill(0);
  return a;
}

export function floats(n: number): Float32Array {
  return (take('float32', n) as Float32Array | undefined) ?? new Float32Array(n);
}

export function ints(n: number): Int32Array {
  return (take('int32', n) as Int32Array | undefined) ?? new Int32Array(n);
}

export function bools(n: number): Uint8Array {
  return (take('bool', n) as Uint8Array | undefined) ?? new Uint8Array(n);
}

export function arrayOf(dtype: DType, n: number): TypedArray {
  return dtype === 'float32' ? floats(n) : dtype === 'int32' ? ints(n) : bools(n);
}

/** Offers an array nobody references any more for reuse; kept only while the pool has room. */
export function recycle(a: TypedArray): void {
  const bytes = a.byteLength;
  // Views into a larger buffer (subarrays) are never outputs; only whole arrays are reused.
  if (bytes === 0 || bytes > MAX_ARRAY_BYTES || pooledBytes + bytes > POOL_BYTES || a.buffer.byteLength !== bytes) return;
  const byLength = free[dtypeOf(a)];
  let list = byLength.get(a.length);
  if (list === undefined) byLength.set(a.length, (list = []));
  list.push(a);
  pooledBytes += bytes;
}

/** Drops every kept array (the collector frees them). */
export function clearRecycled(): void {
  for (const byLength of Object.values(free)) byLength.clear();
  pooledBytes = 0;
}

/** Bytes held for reuse (not counted as live tensor memory). */
export function recycledBytes(): number {
  return pooledBytes;
}
