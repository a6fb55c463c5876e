import type { Tensor } from '../tensor/tensor.js';
import { div, maximum, mul, sub } from '../ops/binary.js';
import { abs } from '../ops/unary.js';
import { mean } from '../ops/reduce.js';
import { EPSILON } from './epsilon.js';
import { lossInputs } from './inputs.js';

/** 100 * mean(|yTrue - yPred| / max(|yTrue|, epsilon)) over the last axis. */
export function meanAbsolutePercentageError(yTrue: Tensor, yPred: Tensor): Tensor {
  const [t, p] = lossInputs('mean_absolute_percentage_error', yTrue, yPred);
  const diff = abs(div(sub(t, p), maximum(abs(t), EPSILON)));
  return mul(mean(diff, -1), 100);
}
