import type { Pool2DInfo } from '@layerwise/api';
import type { Ctx } from '../context.js';
import { filled, free, fromValues } from '../context.js';
import { runFlat, sizeOf } from '../program.js';
import type { TensorInfo } from '../tfjs.js';
import { IEEE_HELPERS } from './ieee.js';
import { forEachCoveringWindow, INPUT_COORDS, OUTPUT_COORDS, POOL_LETS, poolInts } from './pool-common.js';

/**
 * Routes each dy element to its window's maximum in x, the first one in row-major window
 * order on ties, or its first NaN (own WGSL; tfjs's MaxPoolGrad picks the last). Two passes: the flat x
 * position of each window's maximum, then each x element sums the dy of the windows
 * that chose it (no atomics, deterministic order).
 */
export function maxPoolBackprop(ctx: Ctx, dy: TensorInfo, x: TensorInfo, info: Pool2DInfo): TensorInfo {
  const xShape = [info.batch, info.inH, info.inW, info.channels];
  const size = sizeOf(xShape);
  if (size === 0) return fromValues(ctx, xShape, 'float32');
  const outSize = sizeOf(dy.shape);
  if (outSize === 0) return filled(ctx, xShape, 'float32', 0);
  const ints = poolInts(info);
  const positions = runFlat(ctx.backend, {
    inputs: [x], names: ['x'], size: outSize, outDtype: 'int32', ints, helpers: IEEE_HELPERS,
    body: `${POOL_LETS} ${OUTPUT_COORDS}
    var m = -uniforms.INFINITY;
    var at = -1;
    for (var fh = 0; fh < fH; fh = fh + 1) {
      let ih = h0 + fh;
      if (ih < 0 || ih >= inH) { continue; }
      for (var fw = 0; fw < fW; fw = fw + 1) {
        let iw = w0 + fw;
        if (iw < 0 || iw >= inW) { continue; }
        let p = ((b * inH + ih) * inW + iw) * ch + c;
        let v = x[p];
        // The first NaN wins, as in maxPool (a later NaN does not replace it).
        if (at < 0 || v > m || (lw_isnan(v) && !lw_isnan(m))) { m = v; at = p; }
      }
    }
    result[index] = at;`,
  });
  const dx = runFlat(ctx.backend, {
    inputs: [dy, positions], names: ['dy', 'pos'], size, outDtype: 'float32', ints,
    body: `${POOL_LETS} ${INPUT_COORDS}
    var acc = 0.0;
    ${forEachCoveringWindow('if (pos[o] == index) { acc = acc + dy[o]; }')}
    result[index] = acc;`,
  });
  free(ctx, positions);
  return { ...dx, shape: xShape };
}
