import type { DType } from '@layerwise/api';
import type { Ctx } from '../context.js';
import { alias, fromValues } from '../context.js';
import { runFlat, sizeOf } from '../program.js';
import type { TensorInfo } from '../tfjs.js';
import { IEEE_HELPERS } from './ieee.js';

/**
 * float32 -> int32 truncated toward zero and saturated, NaN -> 0 (i32() saturates in the
 * WGSL spec, but Mesa gives -2^31 for NaN and out-of-range values).
 */
const TO_INT = `${IEEE_HELPERS}
fn lw_to_i32(v : f32) -> i32 {
  if (lw_isnan(v)) { return 0; }
  if (v >= 2147483648.0) { return 2147483647; }
  if (v <= -2147483648.0) { return bitcast<i32>(0x80000000u); }
  return i32(v);
}
`;

/** float32 -> int32 truncates and saturates; anything -> bool is x != 0; bool -> number is 0/1. Same dtype shares the data. */
export function cast(ctx: Ctx, x: TensorInfo, dtype: DType): TensorInfo {
  if (x.dtype === dtype) return alias(ctx, x, x.shape);
  const size = sizeOf(x.shape);
  if (size === 0) return fromValues(ctx, x.shape, dtype);
  let expr: string;
  if (dtype === 'bool') expr = x.dtype === 'float32' ? 'select(0, 1, v != 0.0)' : 'select(0, 1, v != 0)';
  else if (dtype === 'int32') expr = x.dtype === 'float32' ? 'lw_to_i32(v)' : 'v';
  else expr = 'f32(v)';
  const out = runFlat(ctx.backend, {
    inputs: [x], names: ['x'], size, outDtype: dtype,
    helpers: dtype === 'int32' && x.dtype === 'float32' ? TO_INT : '',
    body: `let v = x[index]; result[index] = ${expr};`,
  });
  return { ...out, shape: [...x.shape] };
}
