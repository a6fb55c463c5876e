import type { Tensor } from '../tensor/tensor.js';

/**
 * A metric accumulated over batches. Each batch contributes a small 1-D tensor of
 * statistics (`batchStats`, computed on the backend inside the training step); the
 * engine reads all of them back in one download and hands each metric its slice.
 */
export abstract class Metric {
  /** The key in logs and History ('acc', 'mean_squared_error', 'precision', ...). */
  abstract readonly name: string;
  /** How many numbers batchStats returns. */
  abstract readonly statsSize: number;
  /**
   * The batch's statistics. `sampleWeight` ([batch] or [batch, time], or null) is given only to
   * weighted metrics; `mask` ([batch, time] bool, or null) comes from masking layers.
   */
  abstract batchStats(yTrue: Tensor, yPred: Tensor, sampleWeight: Tensor | null, mask: Tensor | null): Tensor;
  /** Adds one batch's statistics (length statsSize) for `batchSize` samples. */
  abstract accumulate(stats: ArrayLike<number>, batchSize: number): void;
  /** The value over every batch accumulated since the last `reset` (what Keras 2's epoch logs show). */
  abstract result(): number;
  /** Forgets every accumulated batch; the engine calls it at the start of each epoch and evaluation. */
  abstract reset(): void;
  /** The value of the last accumulated batch alone (what Keras 2's batch logs show). */
  abstract lastBatch(): number;
}
