import { optionKeys } from '@layerwise/data';
import { LearningRateSchedule, SCHEDULE_EXTRA } from './schedules.js';
import { checkNonNegative, checkPositive, checkStep } from './schedule-checks.js';

/** The options of `InverseTimeDecay`. */
export interface InverseTimeDecayArgs {
  /** The learning rate at step 0. */
  initialLearningRate: number;
  /** The number of steps one decay period lasts. */
  decaySteps: number;
  /** The rate is initialLearningRate / (1 + decayRate * step / decaySteps). */
  decayRate: number;
  /** Decay in whole intervals of decaySteps (floor of step / decaySteps). */
  staircase?: boolean;
}

const OPTIONS = optionKeys<InverseTimeDecayArgs>()([
  'initialLearningRate', 'decaySteps', 'decayRate', 'staircase',
], SCHEDULE_EXTRA);

/** tf.keras InverseTimeDecay: initial / (1 + decayRate * step / decaySteps). */
export class InverseTimeDecay extends LearningRateSchedule {
  /** The Keras class name, used when saving. */
  readonly className = 'InverseTimeDecay';
  /** The learning rate at step 0. */
  readonly initialLearningRate: number;
  /** The number of steps one decay period lasts. */
  readonly decaySteps: number;
  /** The rate is initialLearningRate / (1 + decayRate * step / decaySteps). */
  readonly decayRate: number;
  /** Decay in whole periods (floor(step / decaySteps)) rather than continuously. */
  readonly staircase: boolean;

  constructor(args: InverseTimeDecayArgs) {
    args = OPTIONS.readFor(args, InverseTimeDecay, new.target);
    super();
    checkNonNegative('InverseTimeDecay', 'initialLearningRate', args.initialLearningRate);
    checkPositive('InverseTimeDecay', 'decaySteps', args.decaySteps);
    checkNonNegative('InverseTimeDecay', 'decayRate', args.decayRate);
    this.initialLearningRate = args.initialLearningRate;
    this.decaySteps = args.decaySteps;
    this.decayRate = args.decayRate;
    this.staircase = args.staircase ?? false;
  }

  /** The learning rate at optimizer step `step` (counted from 0). */
  at(step: number): number {
    checkStep('InverseTimeDecay', step);
    const p = step / this.decaySteps;
    return this.initialLearningRate / (1 + this.decayRate * (this.staircase ? Math.floor(p) : p));
  }

  /** Its constructor arguments, for saving. */
  getConfig(): Record<string, unknown> {
    return { initialLearningRate: this.initialLearningRate, decaySteps: this.decaySteps, decayRate: this.decayRate, staircase: this.staircase };
  }
}
