import type { Tensor } from '../tensor/tensor.js';
import { mul } from '../ops/binary.js';
import { oneHot } from '../ops/gather.js';
import { logSoftmax } from '../ops/fused.js';
import { clipByValue, log, neg } from '../ops/unary.js';
import { sum } from '../ops/reduce.js';
import { EPSILON } from './epsilon.js';
import { readsSparseLabels, sparseLabels } from './sparse-labels.js';

/**
 * Categorical crossentropy with integer targets: yTrue holds class indices (float or int)
 * of shape yPred.shape[:-1], optionally with a trailing 1 ([batch], [batch, 1], [b, t, 1]).
 * As Keras 2 does, yPred is clipped to [eps, 1 - eps] first and then renormalised (softmax
 * of its log), so it equals categoricalCrossentropy on one-hot targets up to the clipping.
 * An index outside [0, classes) would select no class and contribute -0: the training
 * methods check indices on the host before a step (see readsSparseLabels).
 */
export function sparseCategoricalCrossentropy(yTrue: Tensor, yPred: Tensor): Tensor {
  const labels = sparseLabels('sparse_categorical_crossentropy', yTrue, yPred);
  const classes = yPred.shape[yPred.rank - 1];
  const logProbs = logSoftmax(log(clipByValue(yPred, EPSILON, 1 - EPSILON)));
  return neg(sum(mul(oneHot(labels, classes), logProbs), -1));
}

readsSparseLabels(sparseCategoricalCrossentropy);
