import { optionKeys } from '@layerwise/data';
import { LearningRateSchedule, SCHEDULE_EXTRA } from './schedules.js';
import { checkNonNegative, checkPositive, checkStep } from './schedule-checks.js';

export interface CosineDecayArgs {
  initialLearningRate: number;
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
  readonly className = 'CosineDecay';
  readonly initialLearningRate: number;
  readonly decaySteps: number;
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

  at(step: number): number {
    checkStep('CosineDecay', step);
    const s = Math.min(step, this.decaySteps);
    const cosine = 0.5 * (1 + Math.cos((Math.PI * s) / this.decaySteps));
    return this.initialLearningRate * ((1 - this.alpha) * cosine + this.alpha);
  }

  getConfig(): Record<string, unknown> {
    return { initialLearningRate: this.initialLearningRate, decaySteps: this.decaySteps, alpha: this.alpha };
  }
}
