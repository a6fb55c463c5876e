import type { Conv2DInfo } from '@layerwise/api';

/** Elements of im2col scratch per chunk (1 MiB of float32). */
const CHUNK_ELEMENTS = 1 << 18;

/** Output pixels per chunk so a [rows, filterH * filterW * inC] column matrix stays bounded. */
export function chunkRows(info: Conv2DInfo): number {
  const k = info.filterH * info.filterW * info.inC;
  return Math.max(64, Math.floor(CHUNK_ELEMENTS / Math.max(1, k)));
}

let scratch = new Float32Array(0);

/**
 * The column-matrix scratch for `elements` values, shared by every conv kernel (they run one at
 * a time and never hold it across calls): a fresh multi-megabyte array per call was garbage the
 * collector freed only steps later, and it dominated peak memory when training CNNs.
 */
export function colScratch(elements: number): Float32Array {
  if (scratch.length < elements) scratch = new Float32Array(elements);
  return scratch.subarray(0, elements);
}

/** True when the convolution is a plain per-pixel matmul (1x1 filter, stride 1, no padding). */
export function isPointwise(info: Conv2DInfo): boolean {
  return info.filterH === 1 && info.filterW === 1 && info.strideH === 1 && info.strideW === 1 &&
    info.padTop === 0 && info.padLeft === 0 && info.padBottom === 0 && info.padRight === 0 &&
    info.outH === info.inH && info.outW === info.inW;
}

/**
 * Fills col[(p - p0) * K + (fy * filterW + fx) * inC + c] with the input value under filter tap
 * (fy, fx) of output pixel p (flat over batch, outH, outW), or 0 where it falls in padding.
 */
export function im2col(x: Float32Array, info: Conv2DInfo, p0: number, p1: number, col: Float32Array): void {
  const { inH, inW, inC, outH, outW, filterH, filterW, strideH, strideW, dilationH, dilationW, padTop, padLeft } = info;
  const rowLen = filterW * inC;
  let o = 0;
  for (let p = p0; p < p1; p++) {
    const ow = p % outW;
    const t = (p - ow) / outW;
    const oh = t % outH;
    const b = (t - oh) / outH;
    const ih0 = oh * strideH - padTop;
    const iw0 = ow * strideW - padLeft;
    const imageBase = b * inH * inW * inC;
    for (let fy = 0; fy < filterH; fy++) {
      const ih = ih0 + fy * dilationH;
      if (ih < 0 || ih >= inH) {
        col.fill(0, o, o + rowLen);
        o += rowLen;
        continue;
      }
      const rowBase = imageBase + ih * inW * inC;
      for (let fx = 0; fx < filterW; fx++) {
        const iw = iw0 + fx * dilationW;
        if (iw < 0 || iw >= inW) {
          for (let c = 0; c < inC; c++) col[o + c] = 0;
        } else {
          const src = rowBase + iw * inC;
          for (let c = 0; c < inC; c++) col[o + c] = x[src + c];
        }
        o += inC;
      }
    }
  }
}

/** The adjoint of im2col: adds each column entry back into dx at the position it was read from. */
export function col2im(col: Float32Array, info: Conv2DInfo, p0: number, p1: number, dx: Float32Array): void {
  const { inH, inW, inC, outH, outW, filterH, filterW, strideH, strideW, dilationH, dilationW, padTop, padLeft } = info;
  const rowLen = filterW * inC;
  let o = 0;
  for (let p = p0; p < p1; p++) {
    const ow = p % outW;
    const t = (p - ow) / outW;
    const oh = t % outH;
    const b = (t - oh) / outH;
    const ih0 = oh * strideH - padTop;
    const iw0 = ow * strideW - padLeft;
    const imageBase = b * inH * inW * inC;
    for (let fy = 0; fy < filterH; fy++) {
      const ih = ih0 + fy * dilationH;
      if (ih < 0 || ih >= inH) {
        o += rowLen;
        continue;
      }
      const rowBase = imageBase + ih * inW * inC;
      for (let fx = 0; fx < filterW; fx++) {
        const iw = iw0 + fx * dilationW;
        if (iw >= 0 && iw < inW) {
          const dst = rowBase + iw * inC;
          for (let c = 0; c < inC; c++) dx[dst + c] += col[o + c];
        }
        o += inC;
      }
    }
  }
}
