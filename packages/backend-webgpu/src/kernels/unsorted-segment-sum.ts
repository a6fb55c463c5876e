import type { Ctx } from '../context.js';
import { filled, fromValues } from '../context.js';
import { runFlat, sizeOf } from '../program.js';
import type { TensorInfo } from '../tfjs.js';

/**
 * out[segmentIds[i]] += x[i] over rows; ids outside [0, numSegments) are dropped. Own WGSL
 * in gather form: each output element scans the ids in row order (deterministic sums).
 */
export function unsortedSegmentSum(ctx: Ctx, x: TensorInfo, segmentIds: TensorInfo, numSegments: number): TensorInfo {
  const outShape = [numSegments, ...x.shape.slice(1)];
  const size = sizeOf(outShape);
  if (size === 0) return fromValues(ctx, outShape, x.dtype);
  const rows = x.shape[0];
  if (rows === 0) return filled(ctx, outShape, x.dtype, 0);
  const inner = sizeOf(x.shape.slice(1));
  const zero = x.dtype === 'float32' ? '0.0' : '0';
  const out = runFlat(ctx.backend, {
    inputs: [x, segmentIds], names: ['x', 'ids'], size, outDtype: x.dtype, ints: [rows, inner],
    body: `let k = index % uniforms.i1;
    let s = index / uniforms.i1;
    var acc = ${zero};
    for (var i = 0; i < uniforms.i0; i = i + 1) {
      if (ids[i] == s) { acc = acc + x[i * uniforms.i1 + k]; }
    }
    result[index] = acc;`,
  });
  return { ...out, shape: outShape };
}
