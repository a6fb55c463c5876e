import { optionKeys } from '@layerwise/data';
import { LearningRateSchedule, SCHEDULE_EXTRA } from './schedules.js';
import { checkStep } from './schedule-checks.js';

/** The options of `PiecewiseConstantDecay`. */
export interface PiecewiseConstantDecayArgs {
  /** Increasing step boundaries. */
  boundaries: number[];
  /** One more value than boundaries: values[i] applies up to and including boundaries[i]. */
  values: number[];
}

const OPTIONS = optionKeys<PiecewiseConstantDecayArgs>()(['boundaries', 'values'], SCHEDULE_EXTRA);

/**
 * tf.keras PiecewiseConstantDecay: values[0] while step <= boundaries[0], values[i] while
 * boundaries[i-1] < step <= boundaries[i], the last value after the last boundary.
 */
export class PiecewiseConstantDecay extends LearningRateSchedule {
  /** The Keras class name, used when saving. */
  readonly className = 'PiecewiseConstantDecay';
  /** The steps at which the rate changes. */
  readonly boundaries: readonly number[];
  /** The rate in each interval: one more value than boundaries. */
  readonly values: readonly number[];

  constructor(args: PiecewiseConstantDecayArgs) {
    args = OPTIONS.readFor(args, PiecewiseConstantDecay, new.target);
    super();
    const { boundaries, values } = args;
    if (!Array.isArray(boundaries) || !Array.isArray(values)) {
      throw new Error(`PiecewiseConstantDecay: boundaries and values must be arrays of numbers`);
    }
    if (values.length !== boundaries.length + 1) {
      throw new Error(`PiecewiseConstantDecay: values must have one more entry than boundaries; got ${boundaries.length} boundaries and ${values.length} values`);
    }
    boundaries.forEach((b, i) => {
      if (typeof b !== 'number' || !Number.isFinite(b)) throw new Error(`PiecewiseConstantDecay: boundaries[${i}] must be a finite number, got ${b}`);
      if (i > 0 && !(b > boundaries[i - 1])) throw new Error(`PiecewiseConstantDecay: boundaries must increase; boundaries[${i}] = ${b} after ${boundaries[i - 1]}`);
    });
    values.forEach((v, i) => {
      if (!(typeof v === 'number' && v >= 0)) throw new Error(`PiecewiseConstantDecay: values[${i}] must be a number >= 0, got ${v}`);
    });
    this.boundaries = boundaries.slice();
    this.values = values.slice();
  }

  /** The learning rate at optimizer step `step` (counted from 0). */
  at(step: number): number {
    checkStep('PiecewiseConstantDecay', step);
    const i = this.boundaries.findIndex((b) => step <= b);
    return this.values[i === -1 ? this.values.length - 1 : i];
  }

  /** Its constructor arguments, for saving. */
  getConfig(): Record<string, unknown> {
    return { boundaries: this.boundaries.slice(), values: this.values.slice() };
  }
}
