import { optionKeys } from '@layerwise/data';
import { LearningRateSchedule, SCHEDULE_EXTRA } from './schedules.js';
import { checkNonNegative, checkPositive, checkStep } from './schedule-checks.js';

/** The options of `ExponentialDecay`. */
export interface ExponentialDecayArgs {
  /** The learning rate at step 0. */
  initialLearningRate: number;
  /** The number of steps one decay period lasts. */
  decaySteps: number;
  /** The factor the rate is multiplied by every decaySteps. */
  decayRate: number;
  /** Decay in whole intervals of decaySteps (floor of step / decaySteps). */
  staircase?: boolean;
}

const OPTIONS = optionKeys<ExponentialDecayArgs>()([
  'initialLearningRate', 'decaySteps', 'decayRate', 'staircase',
], SCHEDULE_EXTRA);

/** tf.keras ExponentialDecay: initial * decayRate ^ (step / decaySteps). */
export class ExponentialDecay extends LearningRateSchedule {
  /** The Keras class name, used when saving. */
  readonly className = 'ExponentialDecay';
  /** The learning rate at step 0. */
  readonly initialLearningRate: number;
  /** The number of steps one decay period lasts. */
  readonly decaySteps: number;
  /** The factor the rate is multiplied by every decaySteps. */
  readonly decayRate: number;
  /** Decay in whole periods (floor(step / decaySteps)) rather than continuously. */
  readonly staircase: boolean;

  constructor(args: ExponentialDecayArgs) {
    args = OPTIONS.readFor(args, ExponentialDecay, new.target);
    super();
    checkNonNegative('ExponentialDecay', 'initialLearningRate', args.initialLearningRate);
    checkPositive('ExponentialDecay', 'decaySteps', args.decaySteps);
    checkNonNegative('ExponentialDecay', 'decayRate', args.decayRate);
    this.initialLearningRate = args.initialLearningRate;
    this.decaySteps = args.decaySteps;
    this.decayRate = args.decayRate;
    this.staircase = args.staircase ?? false;
  }

  /** The learning rate at optimizer step `step` (counted from 0). */
  at(step: number): number {
    checkStep('ExponentialDecay', step);
    const p = step / this.decaySteps;
    return this.initialLearningRate * this.decayRate ** (this.staircase ? Math.floor(p) : p);
  }

  /** Its constructor arguments, for saving. */
  getConfig(): Record<string, unknown> {
    return { initialLearningRate: this.initialLearningRate, decaySteps: this.decaySteps, decayRate: this.decayRate, staircase: this.staircase };
  }
}
