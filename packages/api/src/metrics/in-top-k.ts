import type { Tensor } from '../tensor/tensor.js';
import { equal, greater, less, logicalAnd } from '../ops/binary.js';
import { range } from '../ops/create.js';
import { expandDims } from '../ops/reshape.js';
import { sum } from '../ops/reduce.js';
import { where } from '../ops/select.js';
import { abs } from '../ops/unary.js';

/**
 * Whether each target class (int32, shape predictions.shape[:-1]) is among the k highest
 * scores of its row, as tf.nn.in_top_k decides it: the target is in when fewer than k
 * classes score strictly higher, so classes tied with it at the boundary all count as in
 * (scores [0.3, 0.3, 0.3] put every class in the top 1). A non-finite target score is out.
 * Built from comparisons and a sum because there is no topK kernel.
 */
export function inTopK(predictions: Tensor, targets: Tensor, k: number): Tensor {
  if (!Number.isInteger(k) || k < 1) throw new Error(`inTopK: k must be an integer >= 1, got ${k}`);
  const classes = predictions.shape[predictions.rank - 1];
  const isTarget = equal(expandDims(targets, -1), range(0, classes, 1, 'int32'));
  const targetScore = sum(where(isTarget, predictions, 0), -1, true);
  const higher = sum(greater(predictions, targetScore), -1);
  const finite = less(abs(sum(targetScore, -1)), Infinity);
  return logicalAnd(less(higher, k), finite);
}
