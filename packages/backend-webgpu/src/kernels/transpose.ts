import type { Ctx } from '../context.js';
import { alias, fromValues } from '../context.js';
import { decompose, runFlat, sizeOf, stridesOf } from '../program.js';
import type { TensorInfo } from '../tfjs.js';

/** Permutes axes (own WGSL, any rank); the identity permutation shares the data. */
export function transpose(ctx: Ctx, x: TensorInfo, perm: readonly number[]): TensorInfo {
  const outShape = perm.map((p) => x.shape[p]);
  const size = sizeOf(outShape);
  if (size === 0) return fromValues(ctx, outShape, x.dtype);
  if (perm.every((p, i) => p === i)) return alias(ctx, x, outShape);
  const inStrides = stridesOf(x.shape);
  const ints: number[] = [];
  const mapping = decompose('index', 'j', outShape, perm.map((p) => inStrides[p]), ints, 'lwo');
  const out = runFlat(ctx.backend, {
    inputs: [x], names: ['x'], size, outDtype: x.dtype, ints,
    body: `var j = 0;
    ${mapping}
    result[index] = x[j];`,
  });
  return { ...out, shape: outShape };
}
