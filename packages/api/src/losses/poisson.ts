import type { Tensor } from '../tensor/tensor.js';
import { add, mul, sub } from '../ops/binary.js';
import { log } from '../ops/unary.js';
import { mean } from '../ops/reduce.js';
import { EPSILON } from './epsilon.js';
import { lossInputs } from './inputs.js';

/** mean(yPred - yTrue log(yPred + eps)) over the last axis. */
export function poisson(yTrue: Tensor, yPred: Tensor): Tensor {
  const [t, p] = lossInputs('poisson', yTrue, yPred);
  return mean(sub(p, mul(t, log(add(p, EPSILON)))), -1);
}
