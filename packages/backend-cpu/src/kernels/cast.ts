import type { DType, TypedArray } from '@layerwise/api';
import type { Tensor } from '../util/tensor.js';
import { bools, floats, ints } from '../util/alloc.js';

/** float32 -> int32 truncates toward zero; anything -> bool is `x != 0`; bool -> number is 0/1. */
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
      // ToInt32 on store truncates toward zero (NaN becomes 0).
      out.set(a);
      return out;
    }
    case 'float32': {
      const out = floats(n);
      out.set(a);
      return out;
    }
  }
}
