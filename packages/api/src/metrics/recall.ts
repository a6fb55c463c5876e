import { optionKeys } from '@layerwise/data';
import { checkThresholds, ConfusionMetric, divNoNan, type ConfusionTotals } from './confusion-metric.js';

/** Options of `Recall` (tf.keras's Recall arguments; one threshold only). */
export interface RecallArgs {
  /** A prediction is positive when above this (default 0.5). */
  thresholds?: number;
  /** The key in logs and History (default 'recall'). */
  name?: string;
}

const OPTIONS = optionKeys<RecallArgs>()(['thresholds', 'name']);

/** tp / (tp + fn) over everything seen since reset (tf.keras Recall); 0 when there were no positives. */
export class Recall extends ConfusionMetric {
  constructor(args: RecallArgs = {}) {
    args = OPTIONS.read(args, 'Recall');
    const threshold = args.thresholds ?? 0.5;
    checkThresholds('Recall', [threshold]);
    super(args.name ?? 'recall', [threshold], ['tp', 'fn']);
  }

  protected compute(c: ConfusionTotals): number {
    const tp = c.tp![0];
    return divNoNan(tp, tp + c.fn![0]);
  }
}
