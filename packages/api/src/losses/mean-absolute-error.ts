import type { Tensor } from '../tensor/tensor.js';
import { sub } from '../ops/binary.js';
import { abs } from '../ops/unary.js';
import { mean } from '../ops/reduce.js';
import { lossInputs } from './inputs.js';

/** mean(|yPred - yTrue|) over the last axis. */
export function meanAbsoluteError(yTrue: Tensor, yPred: Tensor): Tensor {
  const [t, p] = lossInputs('mean_absolute_error', yTrue, yPred);
  return mean(abs(sub(p, t)), -1);
}
