import type { DType } from '@layerwise/api';
import type { Ctx } from '../context.js';
import { alias, fromValues } from '../context.js';
import { runFlat, sizeOf } from '../program.js';
import type { TensorInfo } from '../tfjs.js';

/** float32 -> int32 truncates; anything -> bool is x != 0; bool -> number is 0/1. Same dtype shares the data. */
export function cast(ctx: Ctx, x: TensorInfo, dtype: DType): TensorInfo {
  if (x.dtype === dtype) return alias(ctx, x, x.shape);
  const size = sizeOf(x.shape);
  if (size === 0) return fromValues(ctx, x.shape, dtype);
  let expr: string;
  if (dtype === 'bool') expr = x.dtype === 'float32' ? 'select(0, 1, v != 0.0)' : 'select(0, 1, v != 0)';
  else if (dtype === 'int32') expr = x.dtype === 'float32' ? 'i32(trunc(v))' : 'v';
  else expr = 'f32(v)';
  const out = runFlat(ctx.backend, {
    inputs: [x], names: ['x'], size, outDtype: dtype,
    body: `let v = x[index]; result[index] = ${expr};`,
  });
  return { ...out, shape: [...x.shape] };
}
