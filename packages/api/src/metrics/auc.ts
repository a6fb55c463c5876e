import { optionKeys } from '@layerwise/data';
import { checkThresholds, ConfusionMetric, divNoNan, type ConfusionTotals } from './confusion-metric.js';

/** The curve `AUC` integrates: 'ROC' (recall over false-positive rate) or 'PR' (precision over recall). */
export type AUCCurve = 'ROC' | 'PR';
/**
 * How `AUC` takes the area of each segment between thresholds: 'interpolation' the trapezoid
 * (Davis & Goadrich's interpolation for PR), 'minoring' the lower end's height, 'majoring' the higher one's.
 */
export type AUCSummationMethod = 'interpolation' | 'minoring' | 'majoring';

/** Options of `AUC` (tf.keras's AUC arguments by their tfjs names). */
export interface AUCArgs {
  /** Evenly spaced thresholds over [0, 1], ends included (default 200); ignored when `thresholds` is given. */
  numThresholds?: number;
  /** 'ROC' (default) or 'PR'. */
  curve?: AUCCurve;
  /** How the area under each segment is taken (default 'interpolation', the trapezoid rule; PR uses Davis & Goadrich). */
  summationMethod?: AUCSummationMethod;
  /** Explicit thresholds in [0, 1]; -eps and 1 + eps are added at the ends. */
  thresholds?: number[];
  /** The key in logs and History (default 'auc'). */
  name?: string;
}

/** tf.keras's end points: just below 0 and just above 1, so predictions of exactly 0 and 1 fall inside. */
const EDGE = 1e-7;

function evenThresholds(n: number): number[] {
  return [0 - EDGE, ...Array.from({ length: n - 2 }, (_, i) => (i + 1) / (n - 1)), 1 + EDGE];
}

const OPTIONS = optionKeys<AUCArgs>()(['numThresholds', 'curve', 'summationMethod', 'thresholds', 'name']);

/**
 * Area under the ROC or precision-recall curve from confusion counts at fixed thresholds,
 * accumulated over every batch since reset (tf.keras AUC, a Riemann sum over the thresholds).
 */
export class AUC extends ConfusionMetric {
  /** The curve integrated (default 'ROC'). */
  readonly curve: AUCCurve;
  /** How each segment's area is taken (default 'interpolation'). */
  readonly summationMethod: AUCSummationMethod;

  constructor(args: AUCArgs = {}) {
    args = OPTIONS.read(args, 'AUC');
    const curve = args.curve ?? 'ROC';
    const summationMethod = args.summationMethod ?? 'interpolation';
    if (curve !== 'ROC' && curve !== 'PR') throw new Error(`AUC: curve must be 'ROC' or 'PR', got ${JSON.stringify(curve)}`);
    if (!['interpolation', 'minoring', 'majoring'].includes(summationMethod)) {
      throw new Error(`AUC: summationMethod must be 'interpolation', 'minoring' or 'majoring', got ${JSON.stringify(summationMethod)}`);
    }
    let thresholds: number[];
    if (args.thresholds !== undefined) {
      checkThresholds('AUC', args.thresholds);
      thresholds = [0 - EDGE, ...args.thresholds, 1 + EDGE];
    } else {
      const n = args.numThresholds ?? 200;
      if (!Number.isInteger(n) || n <= 1) throw new Error(`AUC: numThresholds must be an integer > 1, got ${n}`);
      thresholds = evenThresholds(n);
    }
    super(args.name ?? 'auc', thresholds, ['tp', 'fp', 'fn', 'tn']);
    this.curve = curve;
    this.summationMethod = summationMethod;
  }

  protected compute(c: ConfusionTotals): number {
    const tp = c.tp!, fp = c.fp!, fn = c.fn!, tn = c.tn!;
    const n = tp.length;
    if (this.curve === 'PR' && this.summationMethod === 'interpolation') return interpolatePrAuc(tp, fp, fn);
    const recall = Array.from(tp, (v, i) => divNoNan(v, v + fn[i]));
    let x: number[];
    let y: number[];
    if (this.curve === 'ROC') {
      x = Array.from(fp, (v, i) => divNoNan(v, v + tn[i]));
      y = recall;
    } else {
      x = recall;
      y = Array.from(tp, (v, i) => divNoNan(v, v + fp[i]));
    }
    let area = 0;
    for (let i = 0; i < n - 1; i++) {
      const height = this.summationMethod === 'interpolation' ? (y[i] + y[i + 1]) / 2
        : this.summationMethod === 'minoring' ? Math.min(y[i], y[i + 1]) : Math.max(y[i], y[i + 1]);
      area += (x[i] - x[i + 1]) * height;
    }
    return area;
  }
}

/**
 * Davis & Goadrich (2006) interpolation of the PR curve between thresholds, as tf.keras's
 * interpolate_pr_auc: precision varies along each segment as tp grows linearly with tp + fp.
 */
function interpolatePrAuc(tp: Float64Array, fp: Float64Array, fn: Float64Array): number {
  let area = 0;
  for (let i = 0; i < tp.length - 1; i++) {
    const dtp = tp[i] - tp[i + 1];
    const p0 = tp[i] + fp[i];
    const p1 = tp[i + 1] + fp[i + 1];
    const precSlope = divNoNan(dtp, Math.max(p0 - p1, 0));
    const intercept = tp[i + 1] - precSlope * p1;
    const safePRatio = p0 > 0 && p1 > 0 ? divNoNan(p0, Math.max(p1, 0)) : 1;
    area += divNoNan(precSlope * (dtp + intercept * Math.log(safePRatio)), Math.max(tp[i + 1] + fn[i + 1], 0));
  }
  return area;
}
