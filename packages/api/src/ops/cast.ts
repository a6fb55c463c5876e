import type { DType } from '../kernel/dtypes.js';
import { isDType } from '../kernel/dtypes.js';
import { emit, kernelFor } from '../engine/emit.js';
import { record } from '../autodiff/tape.js';
import type { Tensor } from '../tensor/tensor.js';
import { toTensor, type TensorLike } from './create.js';
import { reshape } from './reshape.js';

/** Converts dtype. float32 -> int32 truncates; to bool is `x != 0`. Gradient passes float -> float only. */
export function cast(xLike: TensorLike, dtype: DType): Tensor {
  if (!isDType(dtype)) throw new Error(`cast: dtype must be 'float32', 'int32' or 'bool', got ${JSON.stringify(dtype)}`);
  const x = toTensor(xLike, 'cast', 'x');
  if (x.dtype === dtype) return reshape(x, x.shape);
  const kernel = kernelFor('cast', { x });
  const y = emit(kernel, kernel.cast(x.ref(), dtype), x.shape, dtype);
  record('cast', [x], [y], ([dy]) => [x.dtype === 'float32' && dtype === 'float32' ? dy : null]);
  return y;
}
