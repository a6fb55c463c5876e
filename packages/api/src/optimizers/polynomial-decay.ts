import { optionKeys } from '@layerwise/data';
import { LearningRateSchedule, SCHEDULE_EXTRA } from './schedules.js';
import { checkNonNegative, checkPositive, checkStep } from './schedule-checks.js';

/** The options of `PolynomialDecay`. */
export interface PolynomialDecayArgs {
  /** The learning rate at step 0. */
  initialLearningRate: number;
  /** The number of steps one decay period lasts. */
  decaySteps: number;
  /** The rate reached after decaySteps. */
  endLearningRate?: number;
  /** The polynomial's power (1: linear). */
  power?: number;
  /** Restart the decay every decaySteps (with the horizon stretched to the next multiple). */
  cycle?: boolean;
}

const OPTIONS = optionKeys<PolynomialDecayArgs>()([
  'initialLearningRate', 'decaySteps', 'endLearningRate', 'power', 'cycle',
], SCHEDULE_EXTRA);

/**
 * tf.keras PolynomialDecay: (initial - end) * (1 - step / decaySteps)^power + end, with
 * step capped at decaySteps, or with cycle the horizon decaySteps * ceil(step / decaySteps).
 */
export class PolynomialDecay extends LearningRateSchedule {
  /** The Keras class name, used when saving. */
  readonly className = 'PolynomialDecay';
  /** The learning rate at step 0. */
  readonly initialLearningRate: number;
  /** The number of steps one decay period lasts. */
  readonly decaySteps: number;
  /** The rate reached after decaySteps. */
  readonly endLearningRate: number;
  /** The polynomial's power (1: linear). */
  readonly power: number;
  /** After decaySteps, decay again over a period grown to the next multiple of decaySteps. */
  readonly cycle: boolean;

  constructor(args: PolynomialDecayArgs) {
    args = OPTIONS.readFor(args, PolynomialDecay, new.target);
    super();
    checkNonNegative('PolynomialDecay', 'initialLearningRate', args.initialLearningRate);
    checkPositive('PolynomialDecay', 'decaySteps', args.decaySteps);
    this.initialLearningRate = args.initialLearningRate;
    this.decaySteps = args.decaySteps;
    this.endLearningRate = args.endLearningRate ?? 0.0001;
    this.power = args.power ?? 1.0;
    this.cycle = args.cycle ?? false;
    checkNonNegative('PolynomialDecay', 'endLearningRate', this.endLearningRate);
    checkNonNegative('PolynomialDecay', 'power', this.power);
  }

  /** The learning rate at optimizer step `step` (counted from 0). */
  at(step: number): number {
    checkStep('PolynomialDecay', step);
    let horizon = this.decaySteps;
    let s = step;
    if (this.cycle) {
      // At step 0 tf.keras uses a multiplier of 1, not 0.
      horizon = this.decaySteps * (step === 0 ? 1 : Math.ceil(step / this.decaySteps));
    } else {
      s = Math.min(step, this.decaySteps);
    }
    return (this.initialLearningRate - this.endLearningRate) * (1 - s / horizon) ** this.power + this.endLearningRate;
  }

  /** Its constructor arguments, for saving. */
  getConfig(): Record<string, unknown> {
    return {
      initialLearningRate: this.initialLearningRate, decaySteps: this.decaySteps, endLearningRate: this.endLearningRate,
      power: this.power, cycle: this.cycle,
    };
  }
}
