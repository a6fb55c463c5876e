import type { ArgReduceOp } from '@layerwise/api';
import type { Ctx } from '../context.js';
import { fromValues } from '../context.js';
import { runFlat, sizeOf } from '../program.js';
import type { TensorInfo } from '../tfjs.js';

/** Index (int32) of the first max/min along `axis` (own WGSL: ties go to the first index). */
export function argReduce(ctx: Ctx, op: ArgReduceOp, x: TensorInfo, axis: number): TensorInfo {
  const outShape = x.shape.filter((_, i) => i !== axis);
  const outSize = sizeOf(outShape);
  const n = x.shape[axis];
  if (outSize === 0 || n === 0) return fromValues(ctx, outShape, 'int32');
  const inner = sizeOf(x.shape.slice(axis + 1));
  const better = op === 'argMax' ? '>' : '<';
  const out = runFlat(ctx.backend, {
    inputs: [x], names: ['x'], size: outSize, outDtype: 'int32', ints: [n, inner],
    body: `let o = index / uniforms.i1;
    let k = index - o * uniforms.i1;
    let base = o * uniforms.i0 * uniforms.i1 + k;
    var best = x[base];
    var at = 0;
    for (var j = 1; j < uniforms.i0; j = j + 1) {
      let v = x[base + j * uniforms.i1];
      if (v ${better} best) { best = v; at = j; }
    }
    result[index] = at;`,
  });
  return { ...out, shape: outShape };
}
