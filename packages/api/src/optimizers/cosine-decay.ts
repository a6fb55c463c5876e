import { optionKeys } from '@layerwise/data';
import { LearningRateSchedule, SCHEDULE_EXTRA } from './schedules.js';
import { checkNonNegative, checkPositive, checkStep } from './schedule-checks.js';

/** The options of `CosineDecay`. */
export interface CosineDecayArgs {
  /** The learning rate at step 0. */
  initialLearningRate: number;
  /** The number of steps one decay period lasts. */
  decaySteps: number;
  /** The floor, as a fraction of initialLearningRate. */
  alpha?: number;
}

const OPTIONS = optionKeys<CosineDecayArgs>()(['initialLearningRate', 'decaySteps', 'alpha'], SCHEDULE_EXTRA);

/**
 * tf.keras CosineDecay: initial * ((1 - alpha) * 0.5 * (1 + cos(pi * s / decaySteps)) + alpha),
 * s = min(step, decaySteps).
 */
export class CosineDecay extends LearningRateSchedule {
  /** The Keras class name, used when saving. */
  readonly className = 'CosineDecay';
  /** The learning rate at step 0. */
  readonly initialLearningRate: number;
  /** The number of steps one decay period lasts. */
  readonly decaySteps: number;
  /** The floor the rate decays to, as a fraction of initialLearningRate. */
  readonly alpha: number;

  constructor(args: CosineDecayArgs) {
    args = OPTIONS.readFor(args, CosineDecay, new.target);
    super();
    checkNonNegative('CosineDecay', 'initialLearningRate', args.initialLearningRate);
    checkPositive('CosineDecay', 'decaySteps', args.decaySteps);
    this.initialLearningRate = args.initialLearningRate;
    this.decaySteps = args.decaySteps;
    this.alpha = args.alpha ?? 0;
    checkNonNegative('CosineDecay', 'alpha', this.alpha);
  }

  /** The learning rate at optimizer step `step` (counted from 0). */
  at(step: number): number {
    checkStep('CosineDecay', step);
    const s = Math.min(step, this.decaySteps);
    const cosine = 0.5 * (1 + Math.cos((Math.PI * s) / this.decaySteps));
    return this.initialLearningRate * ((1 - this.alpha) * cosine + this.alpha);
  }

  /** Its constructor arguments, for saving. */
  getConfig(): Record<string, unknown> {
    return { initialLearningRate: this.initialLearningRate, decaySteps: this.decaySteps, alpha: this.alpha };
  }
}
