import type { Tensor } from '../tensor/tensor.js';
import { add, minimum, mul, sub } from '../ops/binary.js';
import { abs, square } from '../ops/unary.js';
import { mean } from '../ops/reduce.js';
import { lossInputs } from './inputs.js';

const DELTA = 1;

/**
 * Huber loss with delta 1 (Keras 2.3's `huber_loss`), averaged over the last axis:
 * 0.5 x^2 where |x| <= delta, delta (|x| - 0.5 delta) beyond, with x = yPred - yTrue.
 */
export function huber(yTrue: Tensor, yPred: Tensor): Tensor {
  const [t, p] = lossInputs('huber_loss', yTrue, yPred);
  const absError = abs(sub(p, t));
  const quadratic = minimum(absError, DELTA);
  const linear = sub(absError, quadratic);
  return mean(add(mul(square(quadratic), 0.5), mul(linear, DELTA)), -1);
}
