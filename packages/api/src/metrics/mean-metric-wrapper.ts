import type { Tensor } from '../tensor/tensor.js';
import { reshape } from '../ops/reshape.js';
import { weightedMaskedObjective } from '../training/weighted-objective.js';
import { Metric } from './metric.js';
import type { MetricFunction } from './metric-function.js';

/**
 * A function metric as Keras 2 reports it: each batch's value is the weighted, masked
 * mean of the per-sample values, and the epoch's value is the mean of the batch values
 * weighted by batch size (not a running sum over samples, which differs under weights).
 */
export class MeanMetricWrapper extends Metric {
  readonly statsSize = 1;
  readonly name: string;
  /** The per-sample function, (yTrue, yPred) => values of shape [batch] (or [batch, time]). */
  readonly fn: MetricFunction;
  /** Whether sampleWeight applies (a Keras `weighted_metrics` entry). */
  readonly weighted: boolean;
  private total = 0;
  private count = 0;
  private last = 0;

  constructor(fn: MetricFunction, name: string, weighted = false) {
    super();
    if (typeof fn !== 'function') throw new Error(`MeanMetricWrapper: fn must be a function (yTrue, yPred) => Tensor, got ${typeof fn}`);
    if (typeof name !== 'string' || name === '') throw new Error(`MeanMetricWrapper: name must be a non-empty string, got ${JSON.stringify(name)}`);
    this.fn = fn;
    this.name = name;
    this.weighted = weighted;
  }

  batchStats(yTrue: Tensor, yPred: Tensor, sampleWeight: Tensor | null, mask: Tensor | null): Tensor {
    const values = this.fn(yTrue, yPred);
    return reshape(weightedMaskedObjective(values, this.weighted ? sampleWeight : null, mask), [1]);
  }

  accumulate(stats: ArrayLike<number>, batchSize: number): void {
    if (stats.length !== 1) throw new Error(`metric '${this.name}': accumulate expects 1 statistic, got ${stats.length}`);
    if (!(batchSize >= 0)) throw new Error(`metric '${this.name}': batchSize must be >= 0, got ${batchSize}`);
    this.total += stats[0] * batchSize;
    this.count += batchSize;
    this.last = stats[0];
  }

  /** The batch-size-weighted mean of the batch values; 0 before any batch, as tf.keras's Mean. */
  result(): number {
    return this.count > 0 ? this.total / this.count : 0;
  }

  reset(): void {
    this.total = 0;
    this.count = 0;
    this.last = 0;
  }

  lastBatch(): number {
    return this.last;
  }
}
