import type { Pool2DInfo } from '@layerwise/api';

const cache = new Map<string, Int32Array>();

/**
 * For window tap t = (i, j) in row-major window order and output position p = (oh, ow): the
 * flat input position (h * inW + w) it reads, or inH * inW (a sentinel row) where it falls in
 * the padding. Laid out [taps, outH * outW]; cached per geometry.
 */
export function poolTapIndex(info: Pool2DInfo): Int32Array {
  const { inH, inW, outH, outW, filterH, filterW, strideH, strideW, padTop, padLeft } = info;
  const key = [inH, inW, outH, outW, filterH, filterW, strideH, strideW, padTop, padLeft].join(',');
  let idx = cache.get(key);
  if (idx) return idx;
  const sentinel = inH * inW;
  const positions = outH * outW;
  idx = new Int32Array(filterH * filterW * positions);
  for (let i = 0; i < filterH; i++) {
    for (let j = 0; j < filterW; j++) {
      const base = (i * filterW + j) * positions;
      for (let oh = 0; oh < outH; oh++) {
        const h = oh * strideH - padTop + i;
        for (let ow = 0; ow < outW; ow++) {
          const w = ow * strideW - padLeft + j;
          idx[base + oh * outW + ow] = h >= 0 && h < inH && w >= 0 && w < inW ? h * inW + w : sentinel;
        }
      }
    }
  }
  if (cache.size > 64) cache.clear();
  cache.set(key, idx);
  return idx;
}

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
