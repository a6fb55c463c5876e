import type { Conv2DInfo } from '@layerwise/api';
import type { Info, Runtime } from '../runtime.js';
import { explicitPad, runConv } from './conv2d.js';
import { slice } from './slice.js';

/**
 * dFilter as a forward convolution (XNNPACK): x with batch and channels swapped
 * [inC, inH, inW, n] convolved with dy as the filter [outH, outW, n, outC], stride = the
 * forward dilation, dilation = the forward stride, giving [inC, fh, fw, outC], transposed to
 * [fh, fw, inC, outC]. tfjs-backend-wasm has no Conv2DBackpropFilter at all.
 */
export function conv2dBackpropFilter(rt: Runtime, x: Info, dy: Info, info: Conv2DInfo): Info {
  const { batch: n, inH, inW, inC, outH, outW, outC, filterH, filterW, strideH: sh, strideW: sw, dilationH: dh, dilationW: dw } = info;
  const dwShape = [filterH, filterW, inC, outC];
  if (filterH === 0 || filterW === 0 || inC === 0 || outC === 0) return rt.empty(dwShape, 'float32');
  if (n === 0 || outH === 0 || outW === 0 || inH === 0 || inW === 0) return rt.fill(dwShape, 0, 'float32');
  return rt.scoped((keep) => {
    const xt = keep(rt.run('Transpose', { x }, { perm: [3, 1, 2, 0] }));
    const dyt = keep(rt.run('Transpose', { x: dy }, { perm: [1, 2, 0, 3] }));
    // Padding after that makes the output exactly fh x fw; negative: crop afterwards.
    const padBottom = (filterH - 1) * dh + (outH - 1) * sh + 1 - inH - info.padTop;
    const padRight = (filterW - 1) * dw + (outW - 1) * sw + 1 - inW - info.padLeft;
    let r = keep(runConv(rt, xt, dyt, [dh, dw], [sh, sw],
      explicitPad(info.padTop, Math.max(0, padBottom), info.padLeft, Math.max(0, padRight))));
    if (padBottom < 0 || padRight < 0) r = keep(slice(rt, r, [0, 0, 0, 0], [inC, filterH, filterW, outC]));
    return rt.run('Transpose', { x: r }, { perm: [1, 2, 0, 3] });
  });
}
