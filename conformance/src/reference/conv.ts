import type { Conv2DInfo } from '@layerwise/api';
import { makeRef, ravel, type RefTensor } from './tensor.js';

/**
 * Calls `visit` once per (output position, filter tap, in channel, out channel) whose input
 * position is in bounds, with the flat indices into x [n, inH, inW, inC],
 * filter [fh, fw, inC, outC] and y [n, outH, outW, outC]. All three convolution kernels are
 * this one loop, so they agree by construction.
 */
function forEachTap(info: Conv2DInfo, visit: (xi: number, fi: number, yi: number) => void): void {
  const xShape = [info.batch, info.inH, info.inW, info.inC];
  const fShape = [info.filterH, info.filterW, info.inC, info.outC];
  const yShape = [info.batch, info.outH, info.outW, info.outC];
  for (let n = 0; n < info.batch; n++) {
    for (let oh = 0; oh < info.outH; oh++) {
      for (let ow = 0; ow < info.outW; ow++) {
        for (let fh = 0; fh < info.filterH; fh++) {
          const ih = oh * info.strideH - info.padTop + fh * info.dilationH;
          if (ih < 0 || ih >= info.inH) continue;
          for (let fw = 0; fw < info.filterW; fw++) {
            const iw = ow * info.strideW - info.padLeft + fw * info.dilationW;
            if (iw < 0 || iw >= info.inW) continue;
            for (let ic = 0; ic < info.inC; ic++) {
              for (let oc = 0; oc < info.outC; oc++) {
                visit(ravel([n, ih, iw, ic], xShape), ravel([fh, fw, ic, oc], fShape), ravel([n, oh, ow, oc], yShape));
              }
            }
          }
        }
      }
    }
  }
}

/** x [n, inH, inW, inC], filter [fh, fw, inC, outC] -> [n, outH, outW, outC]. */
export function conv2d(x: RefTensor, filter: RefTensor, info: Conv2DInfo): RefTensor {
  const y = makeRef([info.batch, info.outH, info.outW, info.outC], 'float32');
  forEachTap(info, (xi, fi, yi) => {
    y.data[yi] += x.data[xi] * filter.data[fi];
  });
  return y;
}

/** dy [n, outH, outW, outC], filter -> dx [n, inH, inW, inC]. */
export function conv2dBackpropInput(dy: RefTensor, filter: RefTensor, info: Conv2DInfo): RefTensor {
  const dx = makeRef([info.batch, info.inH, info.inW, info.inC], 'float32');
  forEachTap(info, (xi, fi, yi) => {
    dx.data[xi] += dy.data[yi] * filter.data[fi];
  });
  return dx;
}

/** x, dy -> dFilter [fh, fw, inC, outC]. */
export function conv2dBackpropFilter(x: RefTensor, dy: RefTensor, info: Conv2DInfo): RefTensor {
  const df = makeRef([info.filterH, info.filterW, info.inC, info.outC], 'float32');
  forEachTap(info, (xi, fi, yi) => {
    df.data[fi] += x.data[xi] * dy.data[yi];
  });
  return df;
}
