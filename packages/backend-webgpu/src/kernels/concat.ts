import type { Ctx } from '../context.js';
import { alias, blank, fromValues } from '../context.js';
import { runFlat, sizeOf } from '../program.js';
import type { TensorInfo } from '../tfjs.js';

/**
 * Joins tensors along `axis`: each non-empty input is copied into its column block of
 * the output by one small program (own WGSL; any number of inputs, any rank).
 */
export function concat(ctx: Ctx, xs: readonly TensorInfo[], axis: number): TensorInfo {
  const first = xs[0];
  const outShape = [...first.shape];
  outShape[axis] = xs.reduce((s, x) => s + x.shape[axis], 0);
  const size = sizeOf(outShape);
  const dtype = first.dtype;
  if (size === 0) return fromValues(ctx, outShape, dtype);
  const nonEmpty = xs.filter((x) => sizeOf(x.shape) > 0);
  if (nonEmpty.length === 1) return alias(ctx, nonEmpty[0], outShape);
  // Rows = product of dims before axis; each input row is a contiguous run of `width` elements.
  const inner = sizeOf(outShape.slice(axis + 1));
  const outWidth = outShape[axis] * inner;
  const out = blank(ctx, outShape, dtype);
  let column = 0;
  for (const x of xs) {
    const width = x.shape[axis] * inner;
    if (width > 0 && sizeOf(x.shape) > 0) {
      runFlat(ctx.backend, {
        inputs: [x], names: ['x'], size: sizeOf(x.shape), outDtype: dtype, ints: [width, outWidth, column], output: out,
        body: `let r = index / uniforms.i0;
        let k = index - r * uniforms.i0;
        result[r * uniforms.i1 + uniforms.i2 + k] = x[index];`,
      });
    }
    column += width;
  }
  return out;
}
