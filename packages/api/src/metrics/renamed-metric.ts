import type { Tensor } from '../tensor/tensor.js';
import { Metric } from './metric.js';

/**
 * A metric instance under another name: Keras 2 prefixes weighted metrics with 'weighted_',
 * and renaming the user's own object in place would surprise them. State is the inner
 * metric's, so one instance listed twice accumulates twice.
 */
export class RenamedMetric extends Metric {
  readonly name: string;
  /** The metric whose statistics and state this one reports. */
  readonly inner: Metric;

  constructor(inner: Metric, name: string) {
    super();
    this.inner = inner;
    this.name = name;
  }

  get statsSize(): number {
    return this.inner.statsSize;
  }

  batchStats(yTrue: Tensor, yPred: Tensor, sampleWeight: Tensor | null, mask: Tensor | null): Tensor {
    return this.inner.batchStats(yTrue, yPred, sampleWeight, mask);
  }

  accumulate(stats: ArrayLike<number>, batchSize: number): void {
    this.inner.accumulate(stats, batchSize);
  }

  result(): number {
    return this.inner.result();
  }

  reset(): void {
    this.inner.reset();
  }

  lastBatch(): number {
    return this.inner.lastBatch();
  }
}
