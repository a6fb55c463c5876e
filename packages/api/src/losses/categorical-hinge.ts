import type { Tensor } from '../tensor/tensor.js';
import { add, maximum, mul, sub } from '../ops/binary.js';
import { max, sum } from '../ops/reduce.js';
import { lossInputs } from './inputs.js';

/**
 * max(0, max((1 - yTrue) * yPred) - sum(yTrue * yPred) + 1) over the last axis: the best
 * wrong-class score against the true class's score, for one-hot targets.
 */
export function categoricalHinge(yTrue: Tensor, yPred: Tensor): Tensor {
  const [t, p] = lossInputs('categorical_hinge', yTrue, yPred);
  const pos = sum(mul(t, p), -1);
  const neg = max(mul(sub(1, t), p), -1);
  return maximum(add(sub(neg, pos), 1), 0);
}
