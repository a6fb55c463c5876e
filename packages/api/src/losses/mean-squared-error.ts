import type { Tensor } from '../tensor/tensor.js';
import { sub } from '../ops/binary.js';
import { square } from '../ops/unary.js';
import { mean } from '../ops/reduce.js';
import { lossInputs } from './inputs.js';

/** mean((yPred - yTrue)^2) over the last axis. */
export function meanSquaredError(yTrue: Tensor, yPred: Tensor): Tensor {
  const [t, p] = lossInputs('mean_squared_error', yTrue, yPred);
  return mean(square(sub(p, t)), -1);
}
