import type { Pool2DInfo } from '@layerwise/api';
import type { Tensor } from '../util/tensor.js';
import { floats } from '../util/alloc.js';

/** Max over each window's in-bounds elements (padding acts as -Infinity); NHWC, channels innermost. */
export function maxPool(x: Tensor, info: Pool2DInfo): Float32Array {
  const { batch, inH, inW, channels: C, outH, outW, filterH, filterW, strideH, strideW, padTop, padLeft } = info;
  const a = x.data as Float32Array;
  const out = floats(batch * outH * outW * C);
  let o = 0;
  for (let b = 0; b < batch; b++) {
    const image = b * inH * inW * C;
    for (let oh = 0; oh < outH; oh++) {
      const h0 = oh * strideH - padTop;
      const hs = Math.max(0, h0), he = Math.min(inH, h0 + filterH);
      for (let ow = 0; ow < outW; ow++) {
        const w0 = ow * strideW - padLeft;
        const ws = Math.max(0, w0), we = Math.min(inW, w0 + filterW);
        // Max is exact in float32, so accumulate straight into the output row.
        out.fill(-Infinity, o, o + C);
        for (let ih = hs; ih < he; ih++) {
          for (let iw = ws; iw < we; iw++) {
            const src = image + (ih * inW + iw) * C;
            for (let c = 0; c < C; c++) { const v = a[src + c]; if (v > out[o + c] || v !== v) out[o + c] = v; }
          }
        }
        o += C;
      }
    }
  }
  return out;
}
