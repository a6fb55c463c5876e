import type { Tensor } from '../tensor/tensor.js';

/**
 * A Keras 2 loss function: per-sample losses from targets and predictions, averaged over
 * the last axis (so [batch, features] gives [batch], [batch, time, features] gives
 * [batch, time]). Weighting and the batch mean are applied by the training engine.
 */
export type LossFunction = (yTrue: Tensor, yPred: Tensor) => Tensor;

/** A named loss, as compile resolves it. */
export interface LossEntry {
  /** Keras's name ('categorical_crossentropy'), used in serialisation. */
  readonly name: string;
  /** The per-sample loss function. */
  readonly fn: LossFunction;
}
