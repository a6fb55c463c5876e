import type { DType } from '@layerwise/api';
import { makeRef, type RefTensor } from './tensor.js';

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

/** float -> int32 truncated toward zero, saturating: NaN -> 0, beyond the range (infinities too) -> its end. */
export function toInt32Saturating(v: number): number {
  if (Number.isNaN(v)) return 0;
  const t = Math.trunc(v);
  return t >= INT32_MAX ? INT32_MAX : t <= INT32_MIN ? INT32_MIN : t | 0;
}

/** float -> int32 truncates toward zero and saturates; anything -> bool is x != 0 (NaN too); bool -> number is 0/1. */
export function cast(x: RefTensor, dtype: DType): RefTensor {
  const out = makeRef(x.shape, dtype);
  for (let i = 0; i < x.data.length; i++) {
    const v = x.data[i];
    if (dtype === 'bool') out.data[i] = v !== 0 ? 1 : 0;
    else if (dtype === 'int32') out.data[i] = toInt32Saturating(v);
    else out.data[i] = v;
  }
  return out;
}
