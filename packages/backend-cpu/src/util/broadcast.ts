import { sizeOf, sameShape } from './shape.js';

/**
 * For an input broadcast to `outShape` (numpy rules), the flat input index of every output
 * element, in output order. Returns null when no broadcasting happens (identical shapes),
 * so callers take their contiguous fast path.
 */
export function broadcastIndex(inShape: readonly number[], outShape: readonly number[]): Int32Array | null {
  if (sameShape(inShape, outShape)) return null;
  const outSize = sizeOf(outShape);
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

/** The identity map 0..n-1, for mixing a non-broadcast operand into an indexed loop. */
export function identityIndex(n: number): Int32Array {
  const map = new Int32Array(n);
  for (let i = 0; i < n; i++) map[i] = i;
  return map;
}
