import { optionKeys } from '@layerwise/data';
import { LearningRateSchedule, SCHEDULE_EXTRA } from './schedules.js';
import { checkNonNegative, checkPositive, checkStep } from './schedule-checks.js';

export interface ExponentialDecayArgs {
  initialLearningRate: number;
  decaySteps: number;
  decayRate: number;
  /** Decay in whole intervals of decaySteps (floor of step / decaySteps). */
  staircase?: boolean;
}

const OPTIONS = optionKeys<ExponentialDecayArgs>()([
  'initialLearningRate', 'decaySteps', 'decayRate', 'staircase',
], SCHEDULE_EXTRA);

/** tf.keras ExponentialDecay: initial * decayRate ^ (step / decaySteps). */
export class ExponentialDecay extends LearningRateSchedule {
  readonly className = 'ExponentialDecay';
  readonly initialLearningRate: number;
  readonly decaySteps: number;
  readonly decayRate: number;
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

  at(step: number): number {
    checkStep('ExponentialDecay', step);
    const p = step / this.decaySteps;
    return this.initialLearningRate * this.decayRate ** (this.staircase ? Math.floor(p) : p);
  }

  getConfig(): Record<string, unknown> {
    return { initialLearningRate: this.initialLearningRate, decaySteps: this.decaySteps, decayRate: this.decayRate, staircase: this.staircase };
  }
}
