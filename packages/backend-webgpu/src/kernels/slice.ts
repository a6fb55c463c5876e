import type { Ctx } from '../context.js';
import { alias, fromValues } from '../context.js';
import { decompose, runFlat, sizeOf, stridesOf } from '../program.js';
import type { TensorInfo } from '../tfjs.js';

/** The block at `begin` of extent `size` (own WGSL, any rank); the whole tensor shares the data. */
export function slice(ctx: Ctx, x: TensorInfo, begin: readonly number[], size: readonly number[]): TensorInfo {
  const n = sizeOf(size);
  if (n === 0) return fromValues(ctx, size, x.dtype);
  if (n === sizeOf(x.shape)) return alias(ctx, x, size);
  const inStrides = stridesOf(x.shape);
  let start = 0;
  begin.forEach((b, i) => { start += b * inStrides[i]; });
  const ints: number[] = [start];
  const mapping = decompose('index', 'j', size, inStrides, ints, 'lwo');
  const out = runFlat(ctx.backend, {
    inputs: [x], names: ['x'], size: n, outDtype: x.dtype, ints,
    body: `var j = uniforms.i0;
    ${mapping}
    result[index] = x[j];`,
  });
  return { ...out, shape: [...size] };
}
