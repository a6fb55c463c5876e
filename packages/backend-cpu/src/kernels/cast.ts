import type { DType, TypedArray } from '@layerwise/api';
import type { Tensor } from '../util/tensor.js';
import { bools, floats, ints } from '../util/alloc.js';

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

/**
 * float32 -> int32 truncates toward zero and saturates (NaN -> 0); anything -> bool is
 * `x != 0`; bool -> number is 0/1.
 */
export function cast(x: Tensor, dtype: DType): TypedArray {
  const a = x.data;
  const n = a.length;
  switch (dtype) {
    case 'bool': {
      const out = bools(n);
      for (let i = 0; i < n; i++) out[i] = a[i] !== 0 ? 1 : 0;
      return out;
    }
    case 'int32': {
      const out = ints(n);
      if (x.dtype === 'float32') saturate(a as Float32Array, out);
      else out.set(a);
      return out;
    }
    case 'float32': {
      const out = floats(n);
      out.set(a);
      return out;
    }
  }
}

/**
 * out = a truncated toward zero, saturating. `| 0` truncates and maps NaN to 0 but wraps what
 * is out of range (3e9 -> -1294967296, Infinity -> 0; so does the native `set`), so the ends
 * are clamped first. Its own function so the loop only ever sees a Float32Array.
 */
function saturate(a: Float32Array, out: Int32Array): void {
  for (let i = 0; i < a.length; i++) {
    const v = a[i];
    out[i] = v >= INT32_MAX ? INT32_MAX : v <= INT32_MIN ? INT32_MIN : v | 0;
  }
}
