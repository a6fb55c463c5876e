import type { DType } from '@layerwise/api';
import { makeRef, type RefTensor } from './tensor.js';

/** float -> int32 truncates toward zero; anything -> bool is x != 0; bool -> number is 0/1. */
export function cast(x: RefTensor, dtype: DType): RefTensor {
  const out = makeRef(x.shape, dtype);
  for (let i = 0; i < x.data.length; i++) {
    const v = x.data[i];
    if (dtype === 'bool') out.data[i] = v !== 0 ? 1 : 0;
    else if (dtype === 'int32') out.data[i] = Math.trunc(v) | 0;
    else out.data[i] = v;
  }
  return out;
}
