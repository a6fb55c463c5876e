import type { Tensor } from '../tensor/tensor.js';
import { add, mul, sub } from '../ops/binary.js';
import { clipByValue, log, neg } from '../ops/unary.js';
import { mean } from '../ops/reduce.js';
import { EPSILON } from './epsilon.js';
import { lossInputs } from './inputs.js';

/**
 * -mean(yTrue log p + (1 - yTrue) log(1 - p)) over the last axis, p = yPred clipped to
 * [eps, 1 - eps]. Keras 2 routes the clipped p through logits and
 * sigmoid_cross_entropy_with_logits; that is the same function, with more float32 rounding.
 */
export function binaryCrossentropy(yTrue: Tensor, yPred: Tensor): Tensor {
  const [t, p] = lossInputs('binary_crossentropy', yTrue, yPred);
  const clipped = clipByValue(p, EPSILON, 1 - EPSILON);
  const ll = add(mul(t, log(clipped)), mul(sub(1, t), log(sub(1, clipped))));
  return neg(mean(ll, -1));
}
