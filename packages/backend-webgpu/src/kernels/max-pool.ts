import type { Pool2DInfo } from '@layerwise/api';
import type { Ctx } from '../context.js';
import { fromValues } from '../context.js';
import { runFlat, sizeOf } from '../program.js';
import type { TensorInfo } from '../tfjs.js';
import { IEEE_HELPERS } from './ieee.js';
import { OUTPUT_COORDS, POOL_LETS, poolInts } from './pool-common.js';

/** Max over each window's in-bounds elements: padding never wins, a NaN does (own WGSL). */
export function maxPool(ctx: Ctx, x: TensorInfo, info: Pool2DInfo): TensorInfo {
  const outShape = [info.batch, info.outH, info.outW, info.channels];
  const size = sizeOf(outShape);
  if (size === 0) return fromValues(ctx, outShape, 'float32');
  const out = runFlat(ctx.backend, {
    inputs: [x], names: ['x'], size, outDtype: 'float32', ints: poolInts(info), helpers: IEEE_HELPERS,
    body: `${POOL_LETS} ${OUTPUT_COORDS}
    var m = -uniforms.INFINITY;
    for (var fh = 0; fh < fH; fh = fh + 1) {
      let ih = h0 + fh;
      if (ih < 0 || ih >= inH) { continue; }
      for (var fw = 0; fw < fW; fw = fw + 1) {
        let iw = w0 + fw;
        if (iw < 0 || iw >= inW) { continue; }
        let v = x[((b * inH + ih) * inW + iw) * ch + c];
        if (v > m || lw_isnan(v)) { m = v; }
      }
    }
    result[index] = m;`,
  });
  return { ...out, shape: outShape };
}
