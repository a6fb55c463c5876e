import type { Conv2DInfo } from '@layerwise/api';
import type { Ctx } from '../context.js';
import { filled, fromValues } from '../context.js';
import { runFlat, sizeOf } from '../program.js';
import type { TensorInfo } from '../tfjs.js';
import { CONV_LETS, convInts } from './conv2d.js';

/** x, dy -> dFilter [fh, fw, inC, outC]; one thread per filter element sums over batch and output positions. */
export function conv2dBackpropFilter(ctx: Ctx, x: TensorInfo, dy: TensorInfo, info: Conv2DInfo): TensorInfo {
  const outShape = [info.filterH, info.filterW, info.inC, info.outC];
  const size = sizeOf(outShape);
  if (size === 0) return fromValues(ctx, outShape, 'float32');
  if (sizeOf(dy.shape) === 0 || sizeOf(x.shape) === 0) return filled(ctx, outShape, 'float32', 0);
  const out = runFlat(ctx.backend, {
    inputs: [x, dy], names: ['x', 'dy'], size, outDtype: 'float32', ints: convInts(info),
    body: `${CONV_LETS}
    let oc = index % outC;
    let c = (index / outC) % inC;
    let fw = (index / (outC * inC)) % fW;
    let fh = index / (outC * inC * fW);
    var acc = 0.0;
    for (var b = 0; b < batch; b = b + 1) {
      for (var oh = 0; oh < outH; oh = oh + 1) {
        let ih = oh * sH - pT + fh * dH;
        if (ih < 0 || ih >= inH) { continue; }
        for (var ow = 0; ow < outW; ow = ow + 1) {
          let iw = ow * sW - pL + fw * dW;
          if (iw < 0 || iw >= inW) { continue; }
          acc = acc + x[((b * inH + ih) * inW + iw) * inC + c] * dy[((b * outH + oh) * outW + ow) * outC + oc];
        }
      }
    }
    result[index] = acc;`,
  });
  return { ...out, shape: outShape };
}
