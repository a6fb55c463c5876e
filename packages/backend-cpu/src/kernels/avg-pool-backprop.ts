import type { Pool2DInfo } from '@layerwise/api';
import type { Tensor } from '../util/tensor.js';
import { floats } from '../util/alloc.js';

/** Spreads each dy element evenly over its window's in-bounds positions. */
export function avgPoolBackprop(dy: Tensor, info: Pool2DInfo): Float32Array {
  const { batch, inH, inW, channels: C, outH, outW, filterH, filterW, strideH, strideW, padTop, padLeft } = info;
  const g = dy.data as Float32Array;
  const dx = new Float64Array(batch * inH * inW * C);
  let o = 0;
  for (let b = 0; b < batch; b++) {
    const image = b * inH * inW * C;
    for (let oh = 0; oh < outH; oh++) {
      const h0 = oh * strideH - padTop;
      const hs = Math.max(0, h0), he = Math.min(inH, h0 + filterH);
      for (let ow = 0; ow < outW; ow++) {
        const w0 = ow * strideW - padLeft;
        const ws = Math.max(0, w0), we = Math.min(inW, w0 + filterW);
        const count = Math.max(0, he - hs) * Math.max(0, we - ws);
        if (count > 0) {
          const inv = 1 / count;
          for (let ih = hs; ih < he; ih++) {
            for (let iw = ws; iw < we; iw++) {
              const dst = image + (ih * inW + iw) * C;
              for (let c = 0; c < C; c++) dx[dst + c] += g[o + c] * inv;
            }
          }
        }
        o += C;
      }
    }
  }
  const out = floats(dx.length);
  out.set(dx);
  return out;
}
