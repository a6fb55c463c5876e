import type { Tensor } from '../tensor/tensor.js';
import { cast } from '../ops/cast.js';
import { fmtShape, shapesEqual } from '../tensor/shape.js';

/**
 * Checks that targets and predictions of a dense loss have one shape and gives the targets
 * as float32 (int32 or bool targets are common). Shapes must match exactly: Keras would
 * broadcast [batch] against [batch, 1] into [batch, batch], a silent and classic mistake.
 */
export function lossInputs(loss: string, yTrue: Tensor, yPred: Tensor): [Tensor, Tensor] {
  if (yPred.dtype !== 'float32') throw new Error(`${loss}: yPred must be float32, got ${yPred.dtype}`);
  if (yPred.rank < 1) throw new Error(`${loss}: yPred must have rank >= 1 (the last axis is averaged), got shape ${fmtShape(yPred.shape)}`);
  if (!shapesEqual(yTrue.shape, yPred.shape)) {
    throw new Error(`${loss}: yTrue of shape ${fmtShape(yTrue.shape)} must have the shape of yPred ${fmtShape(yPred.shape)}`);
  }
  return [yTrue.dtype === 'float32' ? yTrue : cast(yTrue, 'float32'), yPred];
}
