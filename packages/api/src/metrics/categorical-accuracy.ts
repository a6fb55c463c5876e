import type { Tensor } from '../tensor/tensor.js';
import { equal } from '../ops/binary.js';
import { cast } from '../ops/cast.js';
import { argMax } from '../ops/reduce.js';
import { lossInputs } from '../losses/inputs.js';

/** 1 where argmax(yTrue) == argmax(yPred) over the last axis, else 0 (ties pick the first index). */
export function categoricalAccuracy(yTrue: Tensor, yPred: Tensor): Tensor {
  const [t, p] = lossInputs('categorical_accuracy', yTrue, yPred);
  return cast(equal(argMax(t, -1), argMax(p, -1)), 'float32');
}
