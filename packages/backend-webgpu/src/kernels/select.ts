import type { Ctx } from '../context.js';
import { fromValues } from '../context.js';
import { broadcastIndexer, runFlat, sizeOf } from '../program.js';
import type { TensorInfo } from '../tfjs.js';

/** `cond ? a : b` with broadcasting. */
export function select(ctx: Ctx, cond: TensorInfo, a: TensorInfo, b: TensorInfo, outShape: readonly number[]): TensorInfo {
  const size = sizeOf(outShape);
  if (size === 0) return fromValues(ctx, outShape, a.dtype);
  const ints: number[] = [];
  const indexer = broadcastIndexer(outShape, [cond.shape, a.shape, b.shape], ints);
  const out = runFlat(ctx.backend, {
    inputs: [cond, a, b], names: ['xc', 'xa', 'xb'], size, outDtype: a.dtype, ints,
    body: `${indexer}
    result[index] = select(xb[j2], xa[j1], xc[j0] != 0);`,
  });
  return { ...out, shape: [...outShape] };
}
