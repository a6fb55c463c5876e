import type { Tensor } from '../tensor/tensor.js';
import { div, mul } from '../ops/binary.js';
import { clipByValue, log, neg } from '../ops/unary.js';
import { sum } from '../ops/reduce.js';
import { EPSILON } from './epsilon.js';
import { lossInputs } from './inputs.js';

/**
 * -sum(yTrue * log(p)) over the last axis, where p is yPred rescaled to sum to 1 and then
 * clipped to [eps, 1 - eps] (Keras 2's order), so predictions of exactly 0 or 1 stay finite.
 */
export function categoricalCrossentropy(yTrue: Tensor, yPred: Tensor): Tensor {
  const [t, p] = lossInputs('categorical_crossentropy', yTrue, yPred);
  const scaled = div(p, sum(p, -1, true));
  const clipped = clipByValue(scaled, EPSILON, 1 - EPSILON);
  return neg(sum(mul(t, log(clipped)), -1));
}
