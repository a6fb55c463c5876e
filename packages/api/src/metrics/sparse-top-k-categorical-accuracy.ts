import type { Tensor } from '../tensor/tensor.js';
import { cast } from '../ops/cast.js';
import { readsSparseLabels, sparseLabels } from '../losses/sparse-labels.js';
import { inTopK } from './in-top-k.js';

/** topKCategoricalAccuracy with class indices for targets ([batch] or [batch, 1], ...). */
export function sparseTopKCategoricalAccuracy(yTrue: Tensor, yPred: Tensor, k = 5): Tensor {
  const labels = sparseLabels('sparse_top_k_categorical_accuracy', yTrue, yPred);
  return cast(inTopK(yPred, labels, k), 'float32');
}

readsSparseLabels(sparseTopKCategoricalAccuracy);
