import type { Conv2DInfo } from '@layerwise/api';
import type { Ctx } from '../context.js';
import { filled, fromValues } from '../context.js';
import { runFlat, sizeOf } from '../program.js';
import type { TensorInfo } from '../tfjs.js';
import { CONV_LETS, convInts } from './conv2d.js';

/** dy [n, outH, outW, outC], filter -> dx [n, inH, inW, inC]; one thread per dx element gathers its terms. */
export function conv2dBackpropInput(ctx: Ctx, dy: TensorInfo, filter: TensorInfo, info: Conv2DInfo): TensorInfo {
  const outShape = [info.batch, info.inH, info.inW, info.inC];
  const size = sizeOf(outShape);
  if (size === 0) return fromValues(ctx, outShape, 'float32');
  if (sizeOf(dy.shape) === 0) return filled(ctx, outShape, 'float32', 0);
  const out = runFlat(ctx.backend, {
    inputs: [dy, filter], names: ['dy', 'w'], size, outDtype: 'float32', ints: convInts(info),
    body: `${CONV_LETS}
    let c = index % inC;
    let iw = (index / inC) % inW;
    let ih = (index / (inC * inW)) % inH;
    let b = index / (inC * inW * inH);
    var acc = 0.0;
    for (var fh = 0; fh < fH; fh = fh + 1) {
      let th = ih + pT - fh * dH;
      if (th < 0 || th % sH != 0) { continue; }
      let oh = th / sH;
      if (oh >= outH) { continue; }
      for (var fw = 0; fw < fW; fw = fw + 1) {
        let tw = iw + pL - fw * dW;
        if (tw < 0 || tw % sW != 0) { continue; }
        let ow = tw / sW;
        if (ow >= outW) { continue; }
        let db = ((b * outH + oh) * outW + ow) * outC;
        let wb = ((fh * fW + fw) * inC + c) * outC;
        for (var oc = 0; oc < outC; oc = oc + 1) {
          acc = acc + dy[db + oc] * w[wb + oc];
        }
      }
    }
    result[index] = acc;`,
  });
  return { ...out, shape: outShape };
}
