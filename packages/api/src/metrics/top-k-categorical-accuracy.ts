import type { Tensor } from '../tensor/tensor.js';
import { cast } from '../ops/cast.js';
import { argMax } from '../ops/reduce.js';
import { lossInputs } from '../losses/inputs.js';
import { inTopK } from './in-top-k.js';

/**
 * 1 where the class of one-hot yTrue is among the k (default 5) highest scores of yPred,
 * ties at the boundary counting as in (see inTopK). Per sample, as Keras 2.3 (2.2.4 also
 * averaged over the batch inside the function).
 */
export function topKCategoricalAccuracy(yTrue: Tensor, yPred: Tensor, k = 5): Tensor {
  const [t, p] = lossInputs('top_k_categorical_accuracy', yTrue, yPred);
  return cast(inTopK(p, argMax(t, -1), k), 'float32');
}
