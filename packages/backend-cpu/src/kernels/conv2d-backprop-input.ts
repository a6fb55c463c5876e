import type { Conv2DInfo } from '@layerwise/api';
import type { Tensor } from '../util/tensor.js';
import { floats } from '../util/alloc.js';
import { gemm } from '../util/gemm.js';
import { chunkRows, colScratch, col2im, isPointwise } from '../util/im2col.js';

/** dx = col2im(dy[pixels, outC] @ filter[K, outC]^T). */
export function conv2dBackpropInput(dy: Tensor, filter: Tensor, info: Conv2DInfo): Float32Array {
  const { batch, inH, inW, inC, outH, outW, outC, filterH, filterW } = info;
  const pixels = batch * outH * outW;
  const k = filterH * filterW * inC;
  const dx = floats(batch * inH * inW * inC);
  const g = dy.data as Float32Array;
  const w = filter.data as Float32Array;
  // B(p = oc, j = tap) = filter[tap * outC + oc]: the filter read transposed.
  if (isPointwise(info)) {
    gemm(pixels, k, outC, g, 0, outC, 1, w, 0, 1, outC, dx, 0, k);
    return dx;
  }
  const rows = Math.min(pixels, chunkRows(info));
  const col = colScratch(rows * k);
  for (let p0 = 0; p0 < pixels; p0 += rows) {
    const p1 = Math.min(pixels, p0 + rows);
    col.fill(0);
    gemm(p1 - p0, k, outC, g, p0 * outC, outC, 1, w, 0, 1, outC, col, 0, k);
    col2im(col, info, p0, p1, dx);
  }
  return dx;
}
