import type { Pool2DInfo } from '@layerwise/api';
import type { HostTensor } from './storage.js';

// NHWC pooling: x [batch, inH, inW, channels] -> y [batch, outH, outW, channels].
// Padding positions are never part of a window: they neither win a max nor count in a mean.

/**
 * Calls `visit(positions, yIndex)` for every output element, with the flat x indices of its
 * window's in-bounds positions in row-major window order (window row, then column).
 */
function forEachWindow(info: Pool2DInfo, visit: (positions: number[], yi: number) => void): void {
  const { batch, inH, inW, channels, outH, outW } = info;
  for (let n = 0; n < batch; n++) {
    for (let oh = 0; oh < outH; oh++) {
      for (let ow = 0; ow < outW; ow++) {
        for (let c = 0; c < channels; c++) {
          const positions: number[] = [];
          for (let fh = 0; fh < info.filterH; fh++) {
            const ih = oh * info.strideH - info.padTop + fh;
            if (ih < 0 || ih >= inH) continue;
            for (let fw = 0; fw < info.filterW; fw++) {
              const iw = ow * info.strideW - info.padLeft + fw;
              if (iw >= 0 && iw < inW) positions.push(((n * inH + ih) * inW + iw) * channels + c);
            }
          }
          visit(positions, ((n * outH + oh) * outW + ow) * channels + c);
        }
      }
    }
  }
}

/** The first position holding the window's maximum (or its first NaN, which wins), -1 for an empty window. */
function argMax(x: HostTensor, positions: number[]): number {
  let best = -1;
  for (const p of positions) {
    if (Number.isNaN(x.data[p])) return p;
    if (best === -1 || x.data[p] > x.data[best]) best = p;
  }
  return best;
}

const outSize = (info: Pool2DInfo) => info.batch * info.outH * info.outW * info.channels;
const inSize = (info: Pool2DInfo) => info.batch * info.inH * info.inW * info.channels;

export function maxPool(x: HostTensor, info: Pool2DInfo): Float32Array {
  const y = new Float32Array(outSize(info));
  forEachWindow(info, (positions, yi) => {
    const best = argMax(x, positions);
    y[yi] = best === -1 ? -Infinity : x.data[best];
  });
  return y;
}

/** Each dy goes to its window's (first) maximum; overlapping windows add up. */
export function maxPoolBackprop(dy: HostTensor, x: HostTensor, info: Pool2DInfo): Float32Array {
  const dx = new Float64Array(inSize(info));
  forEachWindow(info, (positions, yi) => {
    const best = argMax(x, positions);
    if (best !== -1) dx[best] += dy.data[yi];
  });
  return Float32Array.from(dx);
}

export function avgPool(x: HostTensor, info: Pool2DInfo): Float32Array {
  const y = new Float32Array(outSize(info));
  forEachWindow(info, (positions, yi) => {
    let sum = 0;
    for (const p of positions) sum += x.data[p];
    y[yi] = sum / positions.length;
  });
  return y;
}

/** Each dy is shared equally by its window's in-bounds positions. */
export function avgPoolBackprop(dy: HostTensor, info: Pool2DInfo): Float32Array {
  const dx = new Float64Array(inSize(info));
  forEachWindow(info, (positions, yi) => {
    for (const p of positions) dx[p] += dy.data[yi] / positions.length;
  });
  return Float32Array.from(dx);
}
