import { optionKeys } from '@layerwise/data';
import { LearningRateSchedule, SCHEDULE_EXTRA } from './schedules.js';
import { checkNonNegative, checkPositive, checkStep } from './schedule-checks.js';

export interface InverseTimeDecayArgs {
  initialLearningRate: number;
  decaySteps: number;
  decayRate: number;
  /** Decay in whole intervals of decaySteps (floor of step / decaySteps). */
  staircase?: boolean;
}

const OPTIONS = optionKeys<InverseTimeDecayArgs>()([
  'initialLearningRate', 'decaySteps', 'decayRate', 'staircase',
], SCHEDULE_EXTRA);

/** tf.keras InverseTimeDecay: initial / (1 + decayRate * step / decaySteps). */
export class InverseTimeDecay extends LearningRateSchedule {
  readonly className = 'InverseTimeDecay';
  readonly initialLearningRate: number;
  readonly decaySteps: number;
  readonly decayRate: number;
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

  at(step: number): number {
    checkStep('InverseTimeDecay', step);
    const p = step / this.decaySteps;
    return this.initialLearningRate / (1 + this.decayRate * (this.staircase ? Math.floor(p) : p));
  }

  getConfig(): Record<string, unknown> {
    return { initialLearningRate: this.initialLearningRate, decaySteps: this.decaySteps, decayRate: this.decayRate, staircase: this.staircase };
  }
}
