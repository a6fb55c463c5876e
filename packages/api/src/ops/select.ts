import { emit, kernelFor } from '../engine/emit.js';
import { record } from '../autodiff/tape.js';
import { broadcastShapes, fmtShape } from '../tensor/shape.js';
import type { Tensor } from '../tensor/tensor.js';
import { toTensor, type TensorLike } from './create.js';
import { operands } from './binary.js';
import { assertDType } from './validate.js';
import { reduceTo } from './reduce-to.js';
import { zerosLike } from './create.js';

/** `cond ? a : b` element-wise, with broadcasting; the gradient flows to the chosen side. */
export function where(condLike: TensorLike, aLike: TensorLike, bLike: TensorLike): Tensor {
  const cond = toTensor(condLike, 'where', 'condition', 'bool');
  assertDType('where', 'condition', cond, ['bool']);
  const [a, b] = operands('where', aLike, bLike);
  const ab = broadcastShapes(a.shape, b.shape);
  const outShape = ab && broadcastShapes(cond.shape, ab);
  if (!outShape) {
    throw new Error(`where: shapes of 'condition' ${fmtShape(cond.shape)}, 'a' ${fmtShape(a.shape)} and 'b' ${fmtShape(b.shape)} do not broadcast`);
  }
  const kernel = kernelFor('where', { condition: cond, a, b });
  const y = emit(kernel, kernel.select(cond.ref(), a.ref(), b.ref(), outShape), outShape, a.dtype);
  if (a.dtype === 'float32') {
    record('where', [cond, a, b], [y], ([dy]) => {
      const zeros = zerosLike(dy);
      return [null, reduceTo(where(cond, dy, zeros), a.shape), reduceTo(where(cond, zeros, dy), b.shape)];
    });
  }
  return y;
}
