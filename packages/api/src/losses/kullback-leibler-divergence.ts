import type { Tensor } from '../tensor/tensor.js';
import { div, mul } from '../ops/binary.js';
import { clipByValue, log } from '../ops/unary.js';
import { sum } from '../ops/reduce.js';
import { EPSILON } from './epsilon.js';
import { lossInputs } from './inputs.js';

/** sum(t log(t / p)) over the last axis, with t and p clipped to [eps, 1]. */
export function kullbackLeiblerDivergence(yTrue: Tensor, yPred: Tensor): Tensor {
  const [t0, p0] = lossInputs('kullback_leibler_divergence', yTrue, yPred);
  const t = clipByValue(t0, EPSILON, 1);
  const p = clipByValue(p0, EPSILON, 1);
  return sum(mul(t, log(div(t, p))), -1);
}
