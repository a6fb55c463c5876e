import type { Tensor } from '../tensor/tensor.js';
import { greater, mul, notEqual, sub } from '../ops/binary.js';
import { broadcastTo } from '../ops/broadcast-to.js';
import { cast } from '../ops/cast.js';
import { tensor } from '../ops/create.js';
import { concat } from '../ops/layout.js';
import { reshape } from '../ops/reshape.js';
import { sum } from '../ops/reduce.js';
import { fmtShape, shapesEqual } from '../tensor/shape.js';

/** A confusion count: true positives, false positives, false negatives, true negatives. */
export type ConfusionKind = 'tp' | 'fp' | 'fn' | 'tn';

function dropTrailingOne(shape: readonly number[]): readonly number[] {
  return shape.length > 0 && shape[shape.length - 1] === 1 ? shape.slice(0, -1) : shape;
}

/** Per-element weights of yPred's shape from [batch] / [batch, time] weights (trailing axes broadcast). */
function elementWeights(metric: string, what: string, w: Tensor, shape: readonly number[]): Tensor {
  if (w.rank > shape.length || w.shape.some((d, i) => d !== shape[i])) {
    throw new Error(`${metric}: ${what} of shape ${fmtShape(w.shape)} must match the leading axes of yPred ${fmtShape(shape)}`);
  }
  const f = w.dtype === 'float32' ? w : cast(w, 'float32');
  return broadcastTo(reshape(f, [...w.shape, ...shape.slice(w.rank).map(() => 1)]), shape);
}

/**
 * Weighted confusion counts at each threshold, as tf.keras's update_confusion_matrix_variables:
 * every element of yPred is one prediction, positive when > threshold; a target is positive
 * when non-zero. Returns a 1-D tensor [kinds[0] at each threshold, kinds[1] ..., ...].
 */
export function confusionCounts(metric: string, yTrue: Tensor, yPred: Tensor, thresholds: readonly number[],
  kinds: readonly ConfusionKind[], sampleWeight: Tensor | null, mask: Tensor | null): Tensor {
  if (yPred.dtype !== 'float32') throw new Error(`${metric}: yPred must be float32, got ${yPred.dtype}`);
  // tf.keras squeezes or expands one trailing axis of size 1, so [batch] targets fit [batch, 1] predictions.
  if (!shapesEqual(yTrue.shape, yPred.shape) && !shapesEqual(dropTrailingOne(yTrue.shape), dropTrailingOne(yPred.shape))) {
    throw new Error(`${metric}: yTrue of shape ${fmtShape(yTrue.shape)} must have the shape of yPred ${fmtShape(yPred.shape)}`);
  }
  const n = yPred.size;
  let weights: Tensor | null = null;
  if (sampleWeight) weights = elementWeights(metric, 'sampleWeight', sampleWeight, yPred.shape);
  if (mask) {
    const m = elementWeights(metric, 'mask', mask, yPred.shape);
    weights = weights ? mul(weights, m) : m;
  }
  const label = cast(notEqual(reshape(yTrue, [n, 1]), 0), 'float32');
  const w = weights ? reshape(weights, [n, 1]) : null;
  const positive = w ? mul(label, w) : label;
  const negative = w ? mul(sub(1, label), w) : sub(1, label);
  const above = cast(greater(reshape(yPred, [n, 1]), tensor(thresholds.slice(), [1, thresholds.length])), 'float32');
  const below = sub(1, above);
  const count = (kind: ConfusionKind): Tensor => {
    switch (kind) {
      case 'tp': return sum(mul(above, positive), 0);
      case 'fp': return sum(mul(above, negative), 0);
      case 'fn': return sum(mul(below, positive), 0);
      case 'tn': return sum(mul(below, negative), 0);
    }
  };
  return concat(kinds.map(count), 0);
}
