import type { Pool2DInfo } from '@layerwise/api';
import type { Tensor } from '../util/tensor.js';
import { floats } from '../util/alloc.js';

/**
 * Routes each dy element to its window's maximum in x: the first in row-major window order
 * on ties (later equal values never replace it), summing where windows overlap.
 */
export function maxPoolBackprop(dy: Tensor, x: Tensor, info: Pool2DInfo): Float32Array {
  const { batch, inH, inW, channels: C, outH, outW, filterH, filterW, strideH, strideW, padTop, padLeft } = info;
  const a = x.data as Float32Array;
  const g = dy.data as Float32Array;
  const dx = floats(batch * inH * inW * C);
  const best = new Float64Array(C);
  const where = new Int32Array(C);
  let o = 0;
  for (let b = 0; b < batch; b++) {
    const image = b * inH * inW * C;
    for (let oh = 0; oh < outH; oh++) {
      const h0 = oh * strideH - padTop;
      const hs = Math.max(0, h0), he = Math.min(inH, h0 + filterH);
      for (let ow = 0; ow < outW; ow++) {
        const w0 = ow * strideW - padLeft;
        const ws = Math.max(0, w0), we = Math.min(inW, w0 + filterW);
        if (hs < he && ws < we) {
          best.fill(-Infinity);
          where.fill(-1);
          for (let ih = hs; ih < he; ih++) {
            for (let iw = ws; iw < we; iw++) {
              const src = image + (ih * inW + iw) * C;
              for (let c = 0; c < C; c++) {
                const v = a[src + c];
                // NaN wins (as in maxPool), and only the first NaN.
                if (where[c] < 0 || v > best[c] || (v !== v && best[c] === best[c])) { best[c] = v; where[c] = src + c; }
              }
            }
          }
          for (let c = 0; c < C; c++) dx[where[c]] += g[o + c];
        }
        o += C;
      }
    }
  }
  return dx;
}
