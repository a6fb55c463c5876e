import type { Conv2DInfo } from '@layerwise/api';
import type { Info, Runtime } from '../runtime.js';
import { sizeOf } from '../runtime.js';
import { explicitPad, runConv } from './conv2d.js';
import { slice } from './slice.js';
import { PLAN, ranges } from '../threads/plan.js';
import { transpose } from './transpose.js';

/**
 * Which formulation computes dFilter, by measurement on one thread (GFLOP/s, batch 8-64):
 * XNNPACK's forward convolution below has only fH * fW * inC output rows per channel and runs
 * at 4-5 GFLOP/s on a 3x3 filter over one or three channels, 16-29 on wider ones; kernels.wat
 * conv_filter_grad runs at 35-43 whenever it can hold 32 output channels in registers, and at
 * ~14 on 4 at a time (still ahead while the filter has few taps). On several threads both
 * split: XNNPACK's by its pool, ours by taps (each thread its own rows of dw).
 */
const FEW_TAPS = 32;

export function conv2dBackpropFilter(rt: Runtime, x: Info, dy: Info, info: Conv2DInfo): Info {
  const { filterH, filterW, inC, outC } = info;
  const direct = outC % 4 === 0 && (filterH * filterW * inC <= FEW_TAPS || outC >= 32);
  return direct ? directFilterGrad(rt, x, dy, info) : xnnFilterGrad(rt, x, dy, info);
}

/** kernels.wat over x and dy (dw accumulated in place), the taps split across threads. */
function directFilterGrad(rt: Runtime, x: Info, dy: Info, info: Conv2DInfo): Info {
  const dw = rt.fill([info.filterH, info.filterW, info.inC, info.outC], 0, 'float32');
  if (sizeOf(dw.shape) === 0 || info.batch * info.outH * info.outW === 0) return dw;
  const taps = info.filterH * info.filterW * info.inC;
  const macsPerTap = info.batch * info.outH * info.outW * info.outC;
  const args = [rt.ptr(x), rt.ptr(dy), rt.ptr(dw), info.batch, info.inH, info.inW, info.inC,
    info.outH, info.outW, info.outC, info.filterH, info.filterW, info.strideH, info.strideW,
    info.dilationH, info.dilationW, info.padTop, info.padLeft];
  rt.split('conv_filter_grad', ranges(taps, rt.threads, Math.ceil(PLAN.filterGradMacs / macsPerTap)).map(([t0, t1]) => [...args, t0, t1]));
  return dw;
}

/**
 * dFilter as a forward convolution (XNNPACK): x with batch and channels swapped
 * [inC, inH, inW, n] convolved with dy as the filter [outH, outW, n, outC], stride = the
 * forward dilation, dilation = the forward stride, giving [inC, fh, fw, outC], transposed to
 * [fh, fw, inC, outC]. tfjs-backend-wasm has no Conv2DBackpropFilter at all.
 */
function xnnFilterGrad(rt: Runtime, x: Info, dy: Info, info: Conv2DInfo): Info {
  const { batch: n, inH, inW, inC, outH, outW, outC, filterH, filterW, strideH: sh, strideW: sw, dilationH: dh, dilationW: dw } = info;
  const dwShape = [filterH, filterW, inC, outC];
  if (filterH === 0 || filterW === 0 || inC === 0 || outC === 0) return rt.empty(dwShape, 'float32');
  if (n === 0 || outH === 0 || outW === 0 || inH === 0 || inW === 0) return rt.fill(dwShape, 0, 'float32');
  return rt.scoped((keep) => {
    const xt = keep(transpose(rt, x, [3, 1, 2, 0]));
    const dyt = keep(transpose(rt, dy, [1, 2, 0, 3]));
    // Padding after that makes the output exactly fh x fw; negative: crop afterwards.
    const padBottom = (filterH - 1) * dh + (outH - 1) * sh + 1 - inH - info.padTop;
    const padRight = (filterW - 1) * dw + (outW - 1) * sw + 1 - inW - info.padLeft;
    let r = keep(runConv(rt, xt, dyt, [dh, dw], [sh, sw],
      explicitPad(info.padTop, Math.max(0, padBottom), info.padLeft, Math.max(0, padRight))));
    if (padBottom < 0 || padRight < 0) r = keep(slice(rt, r, [0, 0, 0, 0], [inC, filterH, filterW, outC]));
    return transpose(rt, r, [1, 2, 0, 3]);
  });
}
