import type { Pool2DInfo } from '@layerwise/api';
import type { Info, Runtime } from '../runtime.js';
import { sizeOf } from '../runtime.js';
import { PLAN, ranges } from '../threads/plan.js';

/**
 * Routes each dy element to the first maximum of its window (a NaN wins; summed where
 * windows overlap) in one pass of kernels.wat max_pool_backprop. tfjs's MaxPoolGrad selects
 * nothing when a window's max is <= 0 and prefers the last tie; composing it from tfjs
 * kernels (gather the taps, Max, Equal, an exclusive Cumsum for the first tie, scatter back)
 * took ~10 passes over the taps and a third of a CNN training step. Split by batch across
 * threads (each image's dx is its own).
 */
export function maxPoolBackprop(rt: Runtime, dy: Info, x: Info, info: Pool2DInfo): Info {
  const { batch, inH, inW, channels, outH, outW, filterH, filterW, strideH, strideW, padTop, padLeft } = info;
  const dx = rt.fill([batch, inH, inW, channels], 0, 'float32');
  if (sizeOf(dx.shape) === 0 || outH * outW === 0 || filterH * filterW === 0) return dx;
  const [px, pdy, pdx] = [rt.ptr(x), rt.ptr(dy), rt.ptr(dx)];
  const [inImage, outImage] = [inH * inW * channels, outH * outW * channels];
  rt.split('max_pool_backprop', ranges(batch, rt.threads, Math.ceil(PLAN.poolTaps / (outImage * filterH * filterW))).map(([b0, b1]) =>
    [px + 4 * b0 * inImage, pdy + 4 * b0 * outImage, pdx + 4 * b0 * inImage, b1 - b0, inH, inW, channels, outH, outW,
      filterH, filterW, strideH, strideW, padTop, padLeft]));
  return dx;
}
