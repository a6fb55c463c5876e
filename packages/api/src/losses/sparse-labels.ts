import type { Tensor } from '../tensor/tensor.js';
import { cast } from '../ops/cast.js';
import { reshape } from '../ops/reshape.js';
import { fmtShape } from '../tensor/shape.js';

/**
 * Class indices from sparse targets as int32 of shape yPred.shape[:-1]. yTrue may be that
 * shape or have a trailing 1 ([batch], [batch, 1], [batch, time, 1]); float indices
 * (2.0) are truncated to integers, as Keras's cast to int64 does.
 */
export function sparseLabels(name: string, yTrue: Tensor, yPred: Tensor): Tensor {
  if (yPred.dtype !== 'float32') throw new Error(`${name}: yPred must be float32, got ${yPred.dtype}`);
  if (yPred.rank < 1) throw new Error(`${name}: yPred must have rank >= 1 (classes on the last axis), got shape ${fmtShape(yPred.shape)}`);
  const outer = yPred.shape.slice(0, -1);
  const trailingOne = yTrue.rank === yPred.rank && yTrue.shape[yTrue.rank - 1] === 1;
  const labelShape = trailingOne ? yTrue.shape.slice(0, -1) : yTrue.shape;
  if (labelShape.length !== outer.length || labelShape.some((d, i) => d !== outer[i]) || yTrue.dtype === 'bool') {
    throw new Error(`${name}: yTrue must hold class indices of shape ${fmtShape(outer)} or ${fmtShape([...outer, 1])} for yPred of shape ${fmtShape(yPred.shape)}, got ${yTrue.dtype} ${fmtShape(yTrue.shape)}`);
  }
  return reshape(cast(yTrue, 'int32'), outer);
}

const readers = new Set<unknown>();

/**
 * Marks a loss or metric function as one that reads class indices from yTrue (through
 * sparseLabels). Indices are not read back inside the step, which would stall it; instead
 * the training methods check them on the host first (checkSparseLabels) whenever the
 * compiled loss or a metric is marked.
 */
export function readsSparseLabels(fn: unknown): void {
  readers.add(fn);
}

export function isSparseLabelReader(fn: unknown): boolean {
  return readers.has(fn);
}

/**
 * Throws unless every class index in `y` is in [0, classes) once truncated to an integer (as
 * Keras's cast does): out of range, an index selects no class and counts as a loss of 0.
 * `what` names the array ("fit: 'y'"), `reader` the loss or metric that reads it.
 */
export function checkSparseLabels(y: { data: ArrayLike<number>; shape: readonly number[] }, classes: number, what: string, reader: string): void {
  const d = y.data;
  for (let i = 0; i < d.length; i++) {
    const c = Math.trunc(d[i]);
    if (c >= 0 && c < classes) continue;
    throw new Error(`${what} holds class index ${d[i]} at element ${i} (shape ${fmtShape(y.shape)}), but '${reader}' needs indices in [0, ${classes}) for an output of ${classes} classes`);
  }
}
