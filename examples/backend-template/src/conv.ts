import type { Conv2DInfo } from '@layerwise/api';
import type { HostTensor } from './storage.js';

// NHWC convolution: x [batch, inH, inW, inC], filter [filterH, filterW, inC, outC],
// y [batch, outH, outW, outC]. The api resolved padding ('same', 'causal') into explicit
// padTop/padLeft, so a kernel only skips taps that fall outside the input.

/**
 * Calls `visit(xIndex, filterIndex, yIndex)` for every multiply-add of the convolution:
 * each output position, each filter tap landing inside the input, each in/out channel pair.
 * The forward pass and both backward passes are this same loop, accumulating differently.
 */
function forEachTap(info: Conv2DInfo, visit: (xi: number, fi: number, yi: number) => void): void {
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
                const xi = ((n * info.inH + ih) * info.inW + iw) * info.inC + ic;
                const fi = ((fh * info.filterW + fw) * info.inC + ic) * info.outC + oc;
                const yi = ((n * info.outH + oh) * info.outW + ow) * info.outC + oc;
                visit(xi, fi, yi);
              }
            }
          }
        }
      }
    }
  }
}

/** y = conv(x, filter). */
export function conv2d(x: HostTensor, filter: HostTensor, info: Conv2DInfo): Float32Array {
  const y = new Float64Array(info.batch * info.outH * info.outW * info.outC);
  forEachTap(info, (xi, fi, yi) => { y[yi] += x.data[xi] * filter.data[fi]; });
  return Float32Array.from(y);
}

/** dx: every output gradient flows back to the inputs its taps read. */
export function conv2dBackpropInput(dy: HostTensor, filter: HostTensor, info: Conv2DInfo): Float32Array {
  const dx = new Float64Array(info.batch * info.inH * info.inW * info.inC);
  forEachTap(info, (xi, fi, yi) => { dx[xi] += dy.data[yi] * filter.data[fi]; });
  return Float32Array.from(dx);
}

/** dFilter: each tap's weight gathers input x output gradient over every position it was used. */
export function conv2dBackpropFilter(x: HostTensor, dy: HostTensor, info: Conv2DInfo): Float32Array {
  const df = new Float64Array(info.filterH * info.filterW * info.inC * info.outC);
  forEachTap(info, (xi, fi, yi) => { df[fi] += x.data[xi] * dy.data[yi]; });
  return Float32Array.from(df);
}
