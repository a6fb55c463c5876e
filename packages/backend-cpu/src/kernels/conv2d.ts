import type { Conv2DInfo } from '@layerwise/api';
import type { Tensor } from '../util/tensor.js';
import { floats } from '../util/alloc.js';
import { gemm } from '../util/gemm.js';
import { chunkRows, colScratch, im2col, isPointwise } from '../util/im2col.js';

/** NHWC conv2d as im2col + GEMM: out[pixels, outC] = col[pixels, K] @ filter[K, outC]. */
export function conv2d(x: Tensor, filter: Tensor, info: Conv2DInfo): Float32Array {
  const { batch, outH, outW, outC, filterH, filterW, inC } = info;
  const pixels = batch * outH * outW;
  const k = filterH * filterW * inC;
  const out = floats(pixels * outC);
  const xs = x.data as Float32Array;
  const w = filter.data as Float32Array;
  if (isPointwise(info)) {
    gemm(pixels, outC, k, xs, 0, k, 1, w, 0, outC, 1, out, 0, outC);
    return out;
  }
  const rows = Math.min(pixels, chunkRows(info));
  const col = colScratch(rows * k);
  for (let p0 = 0; p0 < pixels; p0 += rows) {
    const p1 = Math.min(pixels, p0 + rows);
    im2col(xs, info, p0, p1, col);
    gemm(p1 - p0, outC, k, col, 0, k, 1, w, 0, outC, 1, out, p0 * outC, outC);
  }
  return out;
}
