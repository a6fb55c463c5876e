import type { Pool2DInfo } from '@layerwise/api';
import { makeRef, ravel, type RefTensor } from './tensor.js';

/**
 * The flat x indices of the in-bounds positions of one pooling window, in row-major window
 * order (window row, then window column). Padding positions are simply absent.
 */
function windowPositions(info: Pool2DInfo, n: number, oh: number, ow: number, c: number): number[] {
  const xShape = [info.batch, info.inH, info.inW, info.channels];
  const positions: number[] = [];
  for (let fh = 0; fh < info.filterH; fh++) {
    const ih = oh * info.strideH - info.padTop + fh;
    if (ih < 0 || ih >= info.inH) continue;
    for (let fw = 0; fw < info.filterW; fw++) {
      const iw = ow * info.strideW - info.padLeft + fw;
      if (iw < 0 || iw >= info.inW) continue;
      positions.push(ravel([n, ih, iw, c], xShape));
    }
  }
  return positions;
}

/** Calls `visit(window positions, flat output index)` for every output element. */
function forEachWindow(info: Pool2DInfo, visit: (positions: number[], yi: number) => void): void {
  const yShape = [info.batch, info.outH, info.outW, info.channels];
  for (let n = 0; n < info.batch; n++) {
    for (let oh = 0; oh < info.outH; oh++) {
      for (let ow = 0; ow < info.outW; ow++) {
        for (let c = 0; c < info.channels; c++) {
          visit(windowPositions(info, n, oh, ow, c), ravel([n, oh, ow, c], yShape));
        }
      }
    }
  }
}

/**
 * The first position holding the window's maximum, or its first NaN, which wins as in
 * argMax (-1 for a window with no in-bounds position).
 */
function firstMax(x: RefTensor, positions: number[]): number {
  let best = -1;
  for (const p of positions) {
    if (Number.isNaN(x.data[p])) return p;
    if (best === -1 || x.data[p] > x.data[best]) best = p;
  }
  return best;
}

function outShape(info: Pool2DInfo): number[] {
  return [info.batch, info.outH, info.outW, info.channels];
}

function inShape(info: Pool2DInfo): number[] {
  return [info.batch, info.inH, info.inW, info.channels];
}

/** Max over each window's in-bounds elements; padding never wins (an empty window gives -Infinity). */
export function maxPool(x: RefTensor, info: Pool2DInfo): RefTensor {
  const y = makeRef(outShape(info), 'float32');
  forEachWindow(info, (positions, yi) => {
    const best = firstMax(x, positions);
    y.data[yi] = best === -1 ? -Infinity : x.data[best];
  });
  return y;
}

/** Routes each dy element to its window's first maximum in x, summing where windows overlap. */
export function maxPoolBackprop(dy: RefTensor, x: RefTensor, info: Pool2DInfo): RefTensor {
  const dx = makeRef(inShape(info), 'float32');
  forEachWindow(info, (positions, yi) => {
    const best = firstMax(x, positions);
    if (best !== -1) dx.data[best] += dy.data[yi];
  });
  return dx;
}

/** Mean over each window's in-bounds elements (padding is not counted). */
export function avgPool(x: RefTensor, info: Pool2DInfo): RefTensor {
  const y = makeRef(outShape(info), 'float32');
  forEachWindow(info, (positions, yi) => {
    let sum = 0;
    for (const p of positions) sum += x.data[p];
    y.data[yi] = sum / positions.length;
  });
  return y;
}

/** Spreads each dy element evenly over its window's in-bounds positions. */
export function avgPoolBackprop(dy: RefTensor, info: Pool2DInfo): RefTensor {
  const dx = makeRef(inShape(info), 'float32');
  forEachWindow(info, (positions, yi) => {
    for (const p of positions) dx.data[p] += dy.data[yi] / positions.length;
  });
  return dx;
}
