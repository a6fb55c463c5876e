import type { Conv2DInfo } from '@layerwise/api';
import type { Info, Runtime } from '../runtime.js';
import { explicitPad, runConv } from './conv2d.js';
import { slice } from './slice.js';
import { transpose } from './transpose.js';

/**
 * dx as a forward convolution (XNNPACK, so threaded): dy, zero-upsampled by the stride,
 * convolved with the filter flipped in H and W and with in/out channels swapped, at the
 * forward dilation, padded by (effective filter - 1 - forward padding). tfjs's own
 * Conv2DBackpropInput is a scalar C++ loop with no dilation.
 */
export function conv2dBackpropInput(rt: Runtime, dy: Info, filter: Info, info: Conv2DInfo): Info {
  const { batch: n, inH, inW, inC, outH, outW, outC, filterH, filterW, strideH: sh, strideW: sw, dilationH: dh, dilationW: dw } = info;
  const dxShape = [n, inH, inW, inC];
  if (n === 0 || inH === 0 || inW === 0 || inC === 0) return rt.empty(dxShape, 'float32');
  if (outH === 0 || outW === 0 || outC === 0) return rt.fill(dxShape, 0, 'float32');
  const effH = (filterH - 1) * dh + 1;
  const effW = (filterW - 1) * dw + 1;
  const padTop = effH - 1 - info.padTop;
  const padLeft = effW - 1 - info.padLeft;
  if (padTop < 0 || padLeft < 0) throw new Error('wasm backend: conv2dBackpropInput needs padding smaller than the effective filter');
  return rt.scoped((keep) => {
    // Flip the filter spatially and swap its channels: [fh, fw, inC, outC] -> [fh, fw, outC, inC].
    const flipped = keep(rt.run('Reverse', { x: filter }, { dims: [0, 1] }));
    const w = keep(transpose(rt, flipped, [0, 1, 3, 2]));
    // Upsample dy by the strides: each element followed by (stride - 1) zeros in H and W.
    let up = dy;
    let upH = outH;
    let upW = outW;
    if (sh > 1 || sw > 1) {
      const six = rt.view(dy, [n, outH, 1, outW, 1, outC]);
      up = keep(rt.run('PadV2', { x: six }, { paddings: [[0, 0], [0, 0], [0, sh - 1], [0, 0], [0, sw - 1], [0, 0]], constantValue: 0 }));
      upH = outH * sh;
      upW = outW * sw;
      up = rt.view(up, [n, upH, upW, outC]);
    }
    // Bottom/right padding that makes the output exactly inH x inW; negative: crop afterwards.
    const padBottom = inH - 1 + effH - padTop - upH;
    const padRight = inW - 1 + effW - padLeft - upW;
    const dx = runConv(rt, up, w, [1, 1], [dh, dw], explicitPad(padTop, Math.max(0, padBottom), padLeft, Math.max(0, padRight)));
    if (padBottom >= 0 && padRight >= 0) return dx;
    keep(dx);
    return slice(rt, dx, [0, 0, 0, 0], dxShape);
  });
}
