import type { Conv2DInfo } from '@layerwise/api';
import type { Ctx } from '../context.js';
import { filled, fromValues } from '../context.js';
import { runFlat, sizeOf } from '../program.js';
import type { TensorInfo } from '../tfjs.js';

/** The geometry as integer uniforms, in the order `CONV_UNIFORMS` names them. */
export function convInts(i: Conv2DInfo): number[] {
  return [i.batch, i.inH, i.inW, i.inC, i.outH, i.outW, i.outC, i.filterH, i.filterW,
    i.strideH, i.strideW, i.dilationH, i.dilationW, i.padTop, i.padLeft];
}

/** WGSL `let`s naming the uniforms of `convInts`. */
export const CONV_LETS = ['batch', 'inH', 'inW', 'inC', 'outH', 'outW', 'outC', 'fH', 'fW', 'sH', 'sW', 'dH', 'dW', 'pT', 'pL']
  .map((name, k) => `let ${name} = uniforms.i${k};`).join(' ');

/**
 * x [n, inH, inW, inC] * filter [fh, fw, inC, outC] -> [n, outH, outW, outC], explicit
 * (possibly asymmetric) padding and dilation. Own WGSL: one thread per output element.
 */
export function conv2d(ctx: Ctx, x: TensorInfo, filter: TensorInfo, info: Conv2DInfo): TensorInfo {
  const outShape = [info.batch, info.outH, info.outW, info.outC];
  const size = sizeOf(outShape);
  if (size === 0) return fromValues(ctx, outShape, 'float32');
  if (info.inC === 0) return filled(ctx, outShape, 'float32', 0);
  const out = runFlat(ctx.backend, {
    inputs: [x, filter], names: ['x', 'w'], size, outDtype: 'float32', ints: convInts(info),
    body: `${CONV_LETS}
    let oc = index % outC;
    let ow = (index / outC) % outW;
    let oh = (index / (outC * outW)) % outH;
    let b = index / (outC * outW * outH);
    var acc = 0.0;
    for (var fh = 0; fh < fH; fh = fh + 1) {
      let ih = oh * sH - pT + fh * dH;
      if (ih < 0 || ih >= inH) { continue; }
      for (var fw = 0; fw < fW; fw = fw + 1) {
        let iw = ow * sW - pL + fw * dW;
        if (iw < 0 || iw >= inW) { continue; }
        let xb = ((b * inH + ih) * inW + iw) * inC;
        let wb = (fh * fW + fw) * inC * outC + oc;
        for (var c = 0; c < inC; c = c + 1) {
          acc = acc + x[xb + c] * w[wb + c * outC];
        }
      }
    }
    result[index] = acc;`,
  });
  return { ...out, shape: outShape };
}
