import type { Tensor } from '../tensor/tensor.js';
import { equal, greater } from '../ops/binary.js';
import { cast } from '../ops/cast.js';
import { mean } from '../ops/reduce.js';
import { lossInputs } from '../losses/inputs.js';

const THRESHOLD = 0.5;

/** mean(yTrue == (yPred > 0.5)) over the last axis; a prediction of exactly 0.5 counts as 0. */
export function binaryAccuracy(yTrue: Tensor, yPred: Tensor): Tensor {
  const [t, p] = lossInputs('binary_accuracy', yTrue, yPred);
  return mean(cast(equal(t, cast(greater(p, THRESHOLD), 'float32')), 'float32'), -1);
}
