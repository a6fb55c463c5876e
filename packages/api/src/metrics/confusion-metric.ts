import type { Tensor } from '../tensor/tensor.js';
import { Metric } from './metric.js';
import { confusionCounts, type ConfusionKind } from './confusion.js';

/** Confusion counts accumulated over batches, one array per kind, each indexed by threshold. */
export type ConfusionTotals = Readonly<Partial<Record<ConfusionKind, Float64Array>>>;

/**
 * A metric computed from confusion counts at fixed thresholds (tf.keras Precision, Recall, AUC):
 * batchStats counts on the backend, accumulate adds the counts, result derives the value.
 */
export abstract class ConfusionMetric extends Metric {
  readonly name: string;
  readonly statsSize: number;
  /**
   * The thresholds counted at: a prediction is positive when strictly above one.
   * AUC's include its end points -1e-7 and 1 + 1e-7.
   */
  readonly thresholds: readonly number[];
  private readonly kinds: readonly ConfusionKind[];
  private totals: Record<string, Float64Array> = {};
  private last: Record<string, Float64Array> = {};

  protected constructor(name: string, thresholds: readonly number[], kinds: readonly ConfusionKind[]) {
    super();
    this.name = name;
    this.thresholds = thresholds.slice();
    this.kinds = kinds.slice();
    this.statsSize = kinds.length * thresholds.length;
    this.reset();
  }

  /** The metric's value from counts. */
  protected abstract compute(counts: ConfusionTotals): number;

  batchStats(yTrue: Tensor, yPred: Tensor, sampleWeight: Tensor | null, mask: Tensor | null): Tensor {
    return confusionCounts(this.name, yTrue, yPred, this.thresholds, this.kinds, sampleWeight, mask);
  }

  accumulate(stats: ArrayLike<number>, _batchSize: number): void {
    if (stats.length !== this.statsSize) {
      throw new Error(`metric '${this.name}': accumulate expects ${this.statsSize} statistics, got ${stats.length}`);
    }
    const t = this.thresholds.length;
    this.kinds.forEach((kind, k) => {
      const batch = Float64Array.from({ length: t }, (_, i) => stats[k * t + i]);
      const total = this.totals[kind];
      for (let i = 0; i < t; i++) total[i] += batch[i];
      this.last[kind] = batch;
    });
  }

  result(): number {
    return this.compute(this.totals);
  }

  reset(): void {
    const t = this.thresholds.length;
    this.totals = Object.fromEntries(this.kinds.map((k) => [k, new Float64Array(t)]));
    this.last = Object.fromEntries(this.kinds.map((k) => [k, new Float64Array(t)]));
  }

  lastBatch(): number {
    return this.compute(this.last);
  }
}

/** a / b, or 0 when b is 0 (tf's div_no_nan). */
export function divNoNan(a: number, b: number): number {
  return b === 0 ? 0 : a / b;
}

/** Checks a threshold list for a metric's constructor. */
export function checkThresholds(metric: string, thresholds: readonly number[]): void {
  if (!Array.isArray(thresholds) || thresholds.length === 0) throw new Error(`${metric}: thresholds must be a non-empty list of numbers in [0, 1]`);
  for (const t of thresholds) {
    if (typeof t !== 'number' || !(t >= 0 && t <= 1)) throw new Error(`${metric}: thresholds must lie in [0, 1], got ${t}`);
  }
}
