import type { DType, TypedArray } from '@layerwise/api';

/** What a cpu kernel works on: a buffer's typed array plus the shape and dtype the api tracks. */
export interface Tensor {
  readonly data: TypedArray;
  readonly shape: readonly number[];
  readonly dtype: DType;
}
