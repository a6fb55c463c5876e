import type { Pool2DInfo } from '@layerwise/api';
import type { Info, Runtime } from '../runtime.js';
import { sizeOf } from '../runtime.js';

/**
 * Routes each dy element to the first maximum of its window (a NaN wins; summed where
 * windows overlap) in one pass of kernels.wat max_pool_backprop. tfjs's MaxPoolGrad selects
 * nothing when a window's max is <= 0 and prefers the last tie; composing it from tfjs
 * kernels (gather the taps, Max, Equal, an exclusive Cumsum for the first tie, scatter back)
 * took ~10 passes over the taps and a third of a CNN training step.
 */
export function maxPoolBackprop(rt: Runtime, dy: Info, x: Info, info: Pool2DInfo): Info {
  const { batch, inH, inW, channels, outH, outW, filterH, filterW, strideH, strideW, padTop, padLeft } = info;
  const dx = rt.fill([batch, inH, inW, channels], 0, 'float32');
  if (sizeOf(dx.shape) === 0 || outH * outW === 0 || filterH * filterW === 0) return dx;
  rt.simd.max_pool_backprop(rt.ptr(x), rt.ptr(dy), rt.ptr(dx), batch, inH, inW, channels, outH, outW,
    filterH, filterW, strideH, strideW, padTop, padLeft);
  return dx;
}
