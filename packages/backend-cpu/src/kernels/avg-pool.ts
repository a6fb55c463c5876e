import type { Pool2DInfo } from '@layerwise/api';
import type { Tensor } from '../util/tensor.js';
import { floats } from '../util/alloc.js';

/** Mean over each window's in-bounds elements (padding is not counted; an empty window gives 0). */
export function avgPool(x: Tensor, info: Pool2DInfo): Float32Array {
  const { batch, inH, inW, channels: C, outH, outW, filterH, filterW, strideH, strideW, padTop, padLeft } = info;
  const a = x.data as Float32Array;
  const out = floats(batch * outH * outW * C);
  const acc = new Float64Array(C);
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
        acc.fill(0);
        for (let ih = hs; ih < he; ih++) {
          for (let iw = ws; iw < we; iw++) {
            const src = image + (ih * inW + iw) * C;
            for (let c = 0; c < C; c++) acc[c] += a[src + c];
          }
        }
        if (count > 0) for (let c = 0; c < C; c++) out[o + c] = acc[c] / count;
        o += C;
      }
    }
  }
  return out;
}
