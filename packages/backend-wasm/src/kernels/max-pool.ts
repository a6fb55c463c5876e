import type { Pool2DInfo } from '@layerwise/api';
import type { Info, Runtime } from '../runtime.js';
import { sizeOf } from '../runtime.js';
import { explicitPad } from './conv2d.js';
import { PLAN, ranges } from '../threads/plan.js';

/**
 * Max (or average) over each window's in-bounds elements, NaN propagating. XNNPACK's pooling
 * (tfjs's MaxPool / AvgPool) clamps its output with pmin / pmax, which turn a NaN into the
 * window's other values (a mean's NaN, or Infinity - Infinity, into -Infinity). From four
 * channels up, kernels.wat `pool` (vectorised over channels) is as fast as XNNPACK; below,
 * its per-channel loop is many times slower, so XNNPACK runs there unless one pass finds a
 * NaN (or, for means, an infinity) in x.
 */
export function pool(rt: Runtime, x: Info, info: Pool2DInfo, avg: boolean): Info {
  const { batch, inH, inW, channels, outH, outW, filterH, filterW, strideH, strideW, padTop, padLeft } = info;
  const outShape = [batch, outH, outW, channels];
  if (sizeOf(outShape) === 0) return rt.empty(outShape, 'float32');
  if (channels < 4 && rt.simd.any_special(rt.ptr(x), sizeOf(x.shape), avg ? 1 : 0) === 0) {
    return rt.run(avg ? 'AvgPool' : 'MaxPool', { x }, {
      filterSize: [filterH, filterW], strides: [strideH, strideW],
      pad: explicitPad(padTop, info.padBottom, padLeft, info.padRight), dimRoundingMode: undefined,
    });
  }
  const out = rt.empty(outShape, 'float32');
  // Split by batch across threads (each image's output is its own).
  const [px, po, inImage, outImage] = [rt.ptr(x), rt.ptr(out), inH * inW * channels, outH * outW * channels];
  rt.split('pool', ranges(batch, rt.threads, Math.ceil(PLAN.poolTaps / (outImage * filterH * filterW))).map(([b0, b1]) =>
    [px + 4 * b0 * inImage, po + 4 * b0 * outImage, b1 - b0, inH, inW, channels, outH, outW, filterH, filterW, strideH, strideW,
      padTop, padLeft, avg ? 1 : 0]));
  return out;
}

/** Max over each window; padding never wins, a NaN does. */
export function maxPool(rt: Runtime, x: Info, info: Pool2DInfo): Info {
  return pool(rt, x, info, false);
}
