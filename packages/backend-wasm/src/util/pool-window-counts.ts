import type { Pool2DInfo } from '@layerwise/api';

/** 1 / (number of in-bounds elements) of each output window, [outH * outW]. */
export function inverseWindowCounts(info: Pool2DInfo, scale = 1): Float32Array {
  const { inH, inW, outH, outW, filterH, filterW, strideH, strideW, padTop, padLeft } = info;
  const out = new Float32Array(outH * outW);
  for (let oh = 0; oh < outH; oh++) {
    const h0 = oh * strideH - padTop;
    const rows = Math.min(inH, h0 + filterH) - Math.max(0, h0);
    for (let ow = 0; ow < outW; ow++) {
      const w0 = ow * strideW - padLeft;
      const cols = Math.min(inW, w0 + filterW) - Math.max(0, w0);
      const count = Math.max(0, rows) * Math.max(0, cols);
      out[oh * outW + ow] = count > 0 ? scale / count : 0;
    }
  }
  return out;
}
