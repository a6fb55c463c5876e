import type { Tensor } from '../tensor/tensor.js';
import { equal } from '../ops/binary.js';
import { cast } from '../ops/cast.js';
import { argMax } from '../ops/reduce.js';
import { readsSparseLabels, sparseLabels } from '../losses/sparse-labels.js';

/** 1 where the class index in yTrue ([batch] or [batch, 1], ...) is argmax(yPred), else 0. */
export function sparseCategoricalAccuracy(yTrue: Tensor, yPred: Tensor): Tensor {
  const labels = sparseLabels('sparse_categorical_accuracy', yTrue, yPred);
  return cast(equal(labels, argMax(yPred, -1)), 'float32');
}

readsSparseLabels(sparseCategoricalAccuracy);
