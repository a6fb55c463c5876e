import type { Tensor } from '../tensor/tensor.js';
import { add, mul, sub } from '../ops/binary.js';
import { softplus } from '../ops/unary.js';
import { mean } from '../ops/reduce.js';
import { lossInputs } from './inputs.js';

/**
 * mean(log(cosh(yPred - yTrue))) over the last axis, written as x + softplus(-2x) - log 2
 * because cosh overflows float32 for |x| > 89.
 */
export function logcosh(yTrue: Tensor, yPred: Tensor): Tensor {
  const [t, p] = lossInputs('logcosh', yTrue, yPred);
  const x = sub(p, t);
  return mean(sub(add(x, softplus(mul(x, -2))), Math.LN2), -1);
}
