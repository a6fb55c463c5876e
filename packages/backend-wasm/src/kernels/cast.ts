import type { DType } from '@layerwise/api';
import type { Info, Runtime } from '../runtime.js';

/**
 * float32 -> int32 truncates toward zero and saturates, NaN -> 0 (kernels.wat cast_f32_i32:
 * tfjs's Cast stores through an Int32Array, which wraps); anything -> bool is `x != 0`
 * (tfjs's wasm Cast to bool copies the bytes, so it is NotEqual(x, 0) here); bool -> number is 0/1.
 */
export function cast(rt: Runtime, x: Info, dtype: DType): Info {
  if (x.dtype === dtype) return rt.copy(x);
  if (dtype === 'bool') {
    return rt.scoped((keep) => rt.run('NotEqual', { a: x, b: keep(rt.scalar(0, x.dtype)) }));
  }
  if (x.dtype === 'float32' && dtype === 'int32') return rt.mapped(x, 'int32', (p, out, n) => rt.simd.cast_f32_i32(p, out, n));
  return rt.run('Cast', { x }, { dtype });
}
