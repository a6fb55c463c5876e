import { sizeOf, sameShape } from './shape.js';

/**
 * For an input broadcast to `outShape` (numpy rules), the flat input index of every output
 * element, in output order. Returns null when no broadcasting happens (identical shapes),
 * so callers take their contiguous fast path.
 */
export function broadcastIndex(inShape: readonly number[], outShape: readonly number[]): Int32Array | null {
  if (sameShape(inShape, outShape)) return null;
  const outSize = sizeOf(outShape);
  if (outSize > CACHE_MAX_ELEMENTS) return computeIndex(inShape, outShape, outSize);
  // Training repeats the same broadcasts every step (bias adds, loss scaling), so maps are
  // cached by shape pair. They are shared: callers only read them.
  const key = `${inShape.join(',')}|${outShape.join(',')}`;
  let map = cache.get(key);
  if (map === undefined) {
    map = computeIndex(inShape, outShape, outSize);
    if (cache.size >= CACHE_ENTRIES) cache.delete(cache.keys().next().value as string);
    cache.set(key, map);
  }
  return map;
}

const CACHE_ENTRIES = 64;
const CACHE_MAX_ELEMENTS = 1 << 20;
const cache = new Map<string, Int32Array>();

function computeIndex(inShape: readonly number[], outShape: readonly number[], outSize: number): Int32Array {
  const map = new Int32Array(outSize);
  if (outSize === 0 || sizeOf(inShape) <= 1) return map; // scalar-like: every index is 0
  const rank = outShape.length;
  const offset = rank - inShape.length;
  // Input stride per output axis, 0 where the input is broadcast along it.
  const stride = new Array<number>(rank).fill(0);
  let acc = 1;
  for (let i = inShape.length - 1; i >= 0; i--) {
    stride[i + offset] = inShape[i] === 1 ? 0 : acc;
    acc *= inShape[i];
  }
  const last = rank - 1;
  const inner = outShape[last];
  const innerStride = stride[last];
  const counter = new Array<number>(rank).fill(0);
  let base = 0;
  for (let o = 0; o < outSize; o += inner) {
    for (let j = 0, v = base; j < inner; j++, v += innerStride) map[o + j] = v;
    // Advance the odometer over the outer axes.
    for (let ax = last - 1; ax >= 0; ax--) {
      counter[ax]++;
      base += stride[ax];
      if (counter[ax] < outShape[ax]) break;
      base -= stride[ax] * counter[ax];
      counter[ax] = 0;
    }
  }
  return map;
}

let identity = new Int32Array(0);

/** The identity map 0..n-1 (read-only, shared), for a non-broadcast operand in an indexed loop. */
export function identityIndex(n: number): Int32Array {
  if (n > identity.length) {
    const next = new Int32Array(n);
    for (let i = 0; i < n; i++) next[i] = i;
    if (n > CACHE_MAX_ELEMENTS) return next;
    identity = next;
  }
  return identity.subarray(0, n);
}
