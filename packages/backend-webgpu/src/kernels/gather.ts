import type { Ctx } from '../context.js';
import { fromValues } from '../context.js';
import { runFlat, sizeOf } from '../program.js';
import type { TensorInfo } from '../tfjs.js';

/** Slices of `x` along `axis` at int32 `indices`; out-of-range indices give zeros (own WGSL). */
export function gather(ctx: Ctx, x: TensorInfo, indices: TensorInfo, axis: number): TensorInfo {
  const outShape = [...x.shape.slice(0, axis), ...indices.shape, ...x.shape.slice(axis + 1)];
  const size = sizeOf(outShape);
  if (size === 0) return fromValues(ctx, outShape, x.dtype);
  const n = sizeOf(indices.shape);
  const inner = sizeOf(x.shape.slice(axis + 1));
  const out = runFlat(ctx.backend, {
    inputs: [x, indices], names: ['x', 'ids'], size, outDtype: x.dtype, ints: [n, inner, x.shape[axis]],
    body: `let k = index % uniforms.i1;
    let j = (index / uniforms.i1) % uniforms.i0;
    let o = index / (uniforms.i1 * uniforms.i0);
    let id = ids[j];
    if (id < 0 || id >= uniforms.i2) {
      result[index] = ${x.dtype === 'float32' ? '0.0' : '0'};
    } else {
      result[index] = x[(o * uniforms.i2 + id) * uniforms.i1 + k];
    }`,
  });
  return { ...out, shape: outShape };
}
