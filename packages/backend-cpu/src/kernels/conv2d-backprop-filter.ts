import type { Conv2DInfo } from '@layerwise/api';
import type { Tensor } from '../util/tensor.js';
import { floats } from '../util/alloc.js';
import { gemm } from '../util/gemm.js';
import { chunkRows, colScratch, im2col, isPointwise } from '../util/im2col.js';

/** dFilter[K, outC] = sum over chunks of col[pixels, K]^T @ dy[pixels, outC]. */
export function conv2dBackpropFilter(x: Tensor, dy: Tensor, info: Conv2DInfo): Float32Array {
  const { batch, outH, outW, outC, filterH, filterW, inC } = info;
  const pixels = batch * outH * outW;
  const k = filterH * filterW * inC;
  const dw = floats(k * outC);
  const xs = x.data as Float32Array;
  const g = dy.data as Float32Array;
  // A(i = tap, p = pixel) = col[pixel * K + tap]: the column matrix read transposed.
  if (isPointwise(info)) {
    gemm(k, outC, pixels, xs, 0, 1, k, g, 0, outC, 1, dw, 0, outC);
    return dw;
  }
  const rows = Math.min(pixels, chunkRows(info));
  const col = colScratch(rows * k);
  for (let p0 = 0; p0 < pixels; p0 += rows) {
    const p1 = Math.min(pixels, p0 + rows);
    im2col(xs, info, p0, p1, col);
    gemm(k, outC, p1 - p0, col, 0, 1, k, g, p0 * outC, outC, 1, dw, 0, outC);
  }
  return dw;
}
