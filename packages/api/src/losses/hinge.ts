import type { Tensor } from '../tensor/tensor.js';
import { maximum, mul, sub } from '../ops/binary.js';
import { mean } from '../ops/reduce.js';
import { lossInputs } from './inputs.js';

/** mean(max(1 - yTrue * yPred, 0)) over the last axis; targets are -1 or 1 (Keras 2 does not convert 0/1). */
export function hinge(yTrue: Tensor, yPred: Tensor): Tensor {
  const [t, p] = lossInputs('hinge', yTrue, yPred);
  return mean(maximum(sub(1, mul(t, p)), 0), -1);
}
