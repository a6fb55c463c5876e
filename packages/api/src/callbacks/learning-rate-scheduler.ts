import { optionKeys } from '@layerwise/data';
import { Callback, type Logs } from './callback.js';
import { kerasArgs } from './keras-args.js';
import { checkCount, numericLearningRate, requireModel, setLearningRate } from './monitor.js';

/** Given the epoch (0-based) and the current learning rate, returns the rate for that epoch. */
export type EpochSchedule = (epoch: number, lr: number) => number;

/** The options of `LearningRateScheduler`. */
export interface LearningRateSchedulerArgs {
  /** A function of (epoch, current learning rate) giving the next learning rate. */
  schedule: EpochSchedule;
  /** 1 prints the rate set at each epoch. Default 0. */
  verbose?: number;
}

const OPTIONS = optionKeys<LearningRateSchedulerArgs>()(['schedule', 'verbose']);

/** Sets the optimizer's learning rate before every epoch from `schedule(epoch, lr)` (Keras 2 LearningRateScheduler). */
export class LearningRateScheduler extends Callback {
  /** A function of (epoch, current learning rate) giving the next learning rate. */
  readonly schedule: EpochSchedule;
  /** 1 prints a line when it acts; 0 is silent. */
  readonly verbose: number;

  constructor(args: LearningRateSchedulerArgs);
  /** Keras's positional form: `new LearningRateScheduler(schedule, verbose)`. */
  constructor(schedule: EpochSchedule, verbose?: number | Omit<LearningRateSchedulerArgs, 'schedule'>);
  constructor(...given: unknown[]) {
    super();
    const args = kerasArgs<LearningRateSchedulerArgs>(OPTIONS, 'LearningRateScheduler', given, ['schedule', 'verbose']);
    if (!args || typeof args.schedule !== 'function') {
      throw new Error(`LearningRateScheduler: schedule must be a function (epoch, lr) => lr, got ${typeof args?.schedule}`);
    }
    this.schedule = args.schedule;
    this.verbose = checkCount('LearningRateScheduler', 'verbose', args.verbose ?? 0);
  }

  override onEpochBegin(epoch: number): void {
    const model = requireModel('LearningRateScheduler', this.model);
    const lr = this.schedule(epoch, numericLearningRate('LearningRateScheduler', model));
    if (typeof lr !== 'number' || !(lr >= 0) || lr === Infinity) {
      throw new Error(`LearningRateScheduler: schedule(${epoch}, lr) must return a finite number >= 0, got ${String(lr)}`);
    }
    setLearningRate('LearningRateScheduler', model, lr);
    if (this.verbose > 0) console.log(`\nEpoch ${String(epoch + 1).padStart(5, '0')}: LearningRateScheduler setting learning rate to ${lr}.`);
  }

  override onEpochEnd(_epoch: number, logs?: Logs): void {
    if (logs) logs.lr = numericLearningRate('LearningRateScheduler', requireModel('LearningRateScheduler', this.model));
  }
}
