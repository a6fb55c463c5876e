import { optionKeys } from '@layerwise/data';
import { Callback, type Logs } from './callback.js';
import { kerasArgs } from './keras-args.js';
import {
  checkCount, checkMonitor, checkNonNegative, MonitorReader, numericLearningRate, requireModel, resolveMode, setLearningRate,
  type MonitorMode,
} from './monitor.js';

/** The options of `ReduceLROnPlateau`. */
export interface ReduceLROnPlateauArgs {
  /** Log key to watch. Default 'val_loss'. */
  monitor?: string;
  /** New lr = lr * factor. Default 0.1; must be in [0, 1). */
  factor?: number;
  /** Epochs without improvement before reducing. Default 10. */
  patience?: number;
  /** 1 prints each reduction. Default 0. */
  verbose?: number;
  /** 'auto' (default), 'min' or 'max'. */
  mode?: MonitorMode;
  /** Smallest change that counts as an improvement. Default 1e-4. */
  minDelta?: number;
  /** Epochs to wait after a reduction before counting again. Default 0. */
  cooldown?: number;
  /** The learning rate is never reduced below this. Default 0. */
  minLr?: number;
}

const OPTIONS = optionKeys<ReduceLROnPlateauArgs>()([
  'monitor', 'factor', 'patience', 'verbose', 'mode', 'minDelta', 'cooldown', 'minLr',
], { aliases: { epsilon: 'minDelta' } });

/**
 * Multiplies the optimizer's learning rate by `factor` when the monitored value has not
 * improved for `patience` epochs (Keras 2 ReduceLROnPlateau). Adds the current `lr` to the
 * epoch logs, as Keras 2 does, so History records it.
 */
export class ReduceLROnPlateau extends Callback {
  /** The log watched ('val_loss', 'loss', 'val_accuracy', ...). */
  readonly monitor: string;
  /** What the learning rate is multiplied by when it is reduced. */
  readonly factor: number;
  /** Epochs without improvement to wait before acting. */
  readonly patience: number;
  /** 1 prints a line when it acts; 0 is silent. */
  readonly verbose: number;
  /** 'min' or 'max': whether the monitored log improves by falling or rising ('auto' resolved from its name). */
  readonly mode: 'min' | 'max';
  /** The smallest change that counts as an improvement. */
  readonly minDelta: number;
  /** Epochs to wait after a reduction before counting again. */
  readonly cooldown: number;
  /** The learning rate is never reduced below this. */
  readonly minLr: number;
  /** Epochs since the last improvement. */
  wait = 0;
  /** Epochs left of the current cooldown. */
  cooldownCounter = 0;
  /** The best value of the monitored log so far. */
  best = Infinity;
  private readonly reader: MonitorReader;

  constructor(args?: ReduceLROnPlateauArgs);
  /** Keras's positional form: `new ReduceLROnPlateau(monitor, factor, patience, verbose, mode, minDelta, cooldown, minLr)`. */
  constructor(monitor: string, factor?: number | Omit<ReduceLROnPlateauArgs, 'monitor'>, patience?: number, verbose?: number,
    mode?: MonitorMode, minDelta?: number, cooldown?: number, minLr?: number);
  constructor(...given: unknown[]) {
    super();
    const owner = 'ReduceLROnPlateau';
    const args = kerasArgs<ReduceLROnPlateauArgs>(OPTIONS, owner, given,
      ['monitor', 'factor', 'patience', 'verbose', 'mode', 'minDelta', 'cooldown', 'minLr']);
    this.monitor = checkMonitor(owner, args.monitor ?? 'val_loss');
    const factor = args.factor ?? 0.1;
    if (typeof factor !== 'number' || !(factor >= 0 && factor < 1)) {
      throw new Error(`${owner}: factor must be >= 0 and < 1 (ReduceLROnPlateau does not support a factor >= 1.0), got ${String(factor)}`);
    }
    this.factor = factor;
    this.patience = checkCount(owner, 'patience', args.patience ?? 10);
    this.verbose = checkCount(owner, 'verbose', args.verbose ?? 0);
    this.mode = resolveMode(owner, args.mode ?? 'auto', this.monitor);
    this.minDelta = checkNonNegative(owner, 'minDelta', args.minDelta ?? 1e-4);
    this.cooldown = checkCount(owner, 'cooldown', args.cooldown ?? 0);
    this.minLr = checkNonNegative(owner, 'minLr', args.minLr ?? 0);
    this.reader = new MonitorReader('Reduce LR on plateau', this.monitor);
    this.reset();
  }

  private reset(): void {
    this.best = this.mode === 'min' ? Infinity : -Infinity;
    this.cooldownCounter = 0;
    this.wait = 0;
  }

  private improves(current: number): boolean {
    return this.mode === 'min' ? current < this.best - this.minDelta : current > this.best + this.minDelta;
  }

  override onTrainBegin(): void {
    numericLearningRate('ReduceLROnPlateau', requireModel('ReduceLROnPlateau', this.model));
    this.reset();
    this.reader.reset();
  }

  override onEpochEnd(epoch: number, logs?: Logs): void {
    const model = requireModel('ReduceLROnPlateau', this.model);
    if (logs) logs.lr = numericLearningRate('ReduceLROnPlateau', model);
    const current = this.reader.read(logs);
    if (current === undefined) return;
    if (this.cooldownCounter > 0) {
      this.cooldownCounter--;
      this.wait = 0;
    }
    if (this.improves(current)) {
      this.best = current;
      this.wait = 0;
      return;
    }
    if (this.cooldownCounter > 0) return;
    this.wait++;
    if (this.wait < this.patience) return;
    const oldLr = numericLearningRate('ReduceLROnPlateau', model);
    if (oldLr > this.minLr) {
      const newLr = Math.max(oldLr * this.factor, this.minLr);
      setLearningRate('ReduceLROnPlateau', model, newLr);
      if (this.verbose > 0) console.log(`\nEpoch ${String(epoch + 1).padStart(5, '0')}: ReduceLROnPlateau reducing learning rate to ${newLr}.`);
      this.cooldownCounter = this.cooldown;
      this.wait = 0;
    }
  }
}
