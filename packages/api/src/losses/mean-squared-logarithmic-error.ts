import type { Tensor } from '../tensor/tensor.js';
import { add, maximum, sub } from '../ops/binary.js';
import { log, square } from '../ops/unary.js';
import { mean } from '../ops/reduce.js';
import { EPSILON } from './epsilon.js';
import { lossInputs } from './inputs.js';

/** mean((log(max(yPred, eps) + 1) - log(max(yTrue, eps) + 1))^2) over the last axis. */
export function meanSquaredLogarithmicError(yTrue: Tensor, yPred: Tensor): Tensor {
  const [t, p] = lossInputs('mean_squared_logarithmic_error', yTrue, yPred);
  const firstLog = log(add(maximum(p, EPSILON), 1));
  const secondLog = log(add(maximum(t, EPSILON), 1));
  return mean(square(sub(firstLog, secondLog)), -1);
}
