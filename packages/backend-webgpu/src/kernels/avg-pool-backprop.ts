import type { Pool2DInfo } from '@layerwise/api';
import type { Ctx } from '../context.js';
import { filled, fromValues } from '../context.js';
import { runFlat, sizeOf } from '../program.js';
import type { TensorInfo } from '../tfjs.js';
import { forEachCoveringWindow, INPUT_COORDS, POOL_LETS, poolInts } from './pool-common.js';

/** Spreads each dy element evenly over its window's in-bounds positions (own WGSL, gather form). */
export function avgPoolBackprop(ctx: Ctx, dy: TensorInfo, info: Pool2DInfo): TensorInfo {
  const xShape = [info.batch, info.inH, info.inW, info.channels];
  const size = sizeOf(xShape);
  if (size === 0) return fromValues(ctx, xShape, 'float32');
  if (sizeOf(dy.shape) === 0) return filled(ctx, xShape, 'float32', 0);
  const out = runFlat(ctx.backend, {
    inputs: [dy], names: ['dy'], size, outDtype: 'float32', ints: poolInts(info),
    body: `${POOL_LETS} ${INPUT_COORDS}
    var acc = 0.0;
    ${forEachCoveringWindow(`
        let h0 = oh * sH - pT;
        let w0 = ow * sW - pL;
        let n = (min(h0 + fH, inH) - max(h0, 0)) * (min(w0 + fW, inW) - max(w0, 0));
        acc = acc + dy[o] / f32(n);`)}
    result[index] = acc;`,
  });
  return { ...out, shape: xShape };
}
