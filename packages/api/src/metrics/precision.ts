import { optionKeys } from '@layerwise/data';
import { checkThresholds, ConfusionMetric, divNoNan, type ConfusionTotals } from './confusion-metric.js';

/** Options of `Precision` (tf.keras's Precision arguments; one threshold only). */
export interface PrecisionArgs {
  /** A prediction is positive when above this (default 0.5). */
  thresholds?: number;
  /** The key in logs and History (default 'precision'). */
  name?: string;
}

const OPTIONS = optionKeys<PrecisionArgs>()(['thresholds', 'name']);

/** tp / (tp + fp) over everything seen since reset (tf.keras Precision); 0 when nothing was predicted positive. */
export class Precision extends ConfusionMetric {
  constructor(args: PrecisionArgs = {}) {
    args = OPTIONS.read(args, 'Precision');
    const threshold = args.thresholds ?? 0.5;
    checkThresholds('Precision', [threshold]);
    super(args.name ?? 'precision', [threshold], ['tp', 'fp']);
  }

  protected compute(c: ConfusionTotals): number {
    const tp = c.tp![0];
    return divNoNan(tp, tp + c.fp![0]);
  }
}
