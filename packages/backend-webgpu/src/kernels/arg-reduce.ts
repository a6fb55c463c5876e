import type { ArgReduceOp } from '@layerwise/api';
import type { Ctx } from '../context.js';
import { fromValues } from '../context.js';
import { runFlat, sizeOf } from '../program.js';
import type { TensorInfo } from '../tfjs.js';
import { IEEE_HELPERS } from './ieee.js';

/** Index (int32) of the first max/min along `axis`, or of the first NaN (own WGSL: ties go to the first index). */
export function argReduce(ctx: Ctx, op: ArgReduceOp, x: TensorInfo, axis: number): TensorInfo {
  const outShape = x.shape.filter((_, i) => i !== axis);
  const outSize = sizeOf(outShape);
  const n = x.shape[axis];
  if (outSize === 0 || n === 0) return fromValues(ctx, outShape, 'int32');
  const inner = sizeOf(x.shape.slice(axis + 1));
  const better = op === 'argMax' ? '>' : '<';
  const float = x.dtype === 'float32';
  const out = runFlat(ctx.backend, {
    inputs: [x], names: ['x'], size: outSize, outDtype: 'int32', ints: [n, inner],
    helpers: float ? IEEE_HELPERS : '',
    body: `let o = index / uniforms.i1;
    let k = index - o * uniforms.i1;
    let base = o * uniforms.i0 * uniforms.i1 + k;
    var best = x[base];
    var at = 0;
    ${float ? 'if (!lw_isnan(best)) {' : '{'}
    for (var j = 1; j < uniforms.i0; j = j + 1) {
      let v = x[base + j * uniforms.i1];
      ${float ? 'if (lw_isnan(v)) { at = j; break; }' : ''}
      if (v ${better} best) { best = v; at = j; }
    }
    }
    result[index] = at;`,
  });
  return { ...out, shape: outShape };
}
