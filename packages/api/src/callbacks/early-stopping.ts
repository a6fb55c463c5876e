import { optionKeys } from '@layerwise/data';
import type { Tensor } from '../tensor/tensor.js';
import { keep } from '../engine/scope.js';
import { Callback, type Logs } from './callback.js';
import { kerasArgs } from './keras-args.js';
import { checkCount, checkMonitor, checkNonNegative, MonitorReader, requireModel, resolveMode, type MonitorMode } from './monitor.js';

/** The options of `EarlyStopping`. */
export interface EarlyStoppingArgs {
  /** Log key to watch. Default 'val_loss'. */
  monitor?: string;
  /** Smallest change that counts as an improvement. Default 0. */
  minDelta?: number;
  /** Epochs without improvement before stopping. Default 0. */
  patience?: number;
  /** 1 prints when training stops. Default 0. */
  verbose?: number;
  /** 'auto' (default), 'min' or 'max'. */
  mode?: MonitorMode;
  /** The value to beat: training stops if it is not improved on within `patience` epochs. */
  baseline?: number;
  /** Restore the weights of the best epoch when stopping early. Default false. */
  restoreBestWeights?: boolean;
}

const OPTIONS = optionKeys<EarlyStoppingArgs>()([
  'monitor', 'minDelta', 'patience', 'verbose', 'mode', 'baseline', 'restoreBestWeights',
]);

/**
 * Stops training when the monitored value stops improving (Keras 2 EarlyStopping).
 * With restoreBestWeights, the best epoch's weights are restored at the moment training is
 * stopped early; a run that ends by reaching its last epoch keeps its final weights
 * (Keras 2.2.4 and 2.3 behave the same here).
 */
export class EarlyStopping extends Callback {
  /** The log watched ('val_loss', 'loss', 'val_accuracy', ...). */
  readonly monitor: string;
  /** The smallest change that counts as an improvement. */
  readonly minDelta: number;
  /** Epochs without improvement to wait before acting. */
  readonly patience: number;
  /** 1 prints a line when it acts; 0 is silent. */
  readonly verbose: number;
  /** 'min' or 'max': whether the monitored log improves by falling or rising ('auto' resolved from its name). */
  readonly mode: 'min' | 'max';
  /** A value the monitored log must beat before the run counts as improving (undefined: none). */
  readonly baseline: number | undefined;
  /** Restore the weights of the best epoch when training stops. */
  readonly restoreBestWeights: boolean;
  /** Epochs since the last improvement. */
  wait = 0;
  /** The epoch training stopped at (0 when it ran to the end). */
  stoppedEpoch = 0;
  /** The best value of the monitored log so far. */
  best = Infinity;
  private bestWeights: Tensor[] | null = null;
  private readonly reader: MonitorReader;

  constructor(args?: EarlyStoppingArgs);
  /** Keras's positional form: `new EarlyStopping(monitor, minDelta, patience, verbose, mode, baseline, restoreBestWeights)`. */
  constructor(monitor: string, minDelta?: number | Omit<EarlyStoppingArgs, 'monitor'>, patience?: number, verbose?: number,
    mode?: MonitorMode, baseline?: number, restoreBestWeights?: boolean);
  constructor(...given: unknown[]) {
    super();
    const owner = 'EarlyStopping';
    const args = kerasArgs<EarlyStoppingArgs>(OPTIONS, owner, given,
      ['monitor', 'minDelta', 'patience', 'verbose', 'mode', 'baseline', 'restoreBestWeights']);
    this.monitor = checkMonitor(owner, args.monitor ?? 'val_loss');
    this.minDelta = checkNonNegative(owner, 'minDelta', args.minDelta ?? 0);
    this.patience = checkCount(owner, 'patience', args.patience ?? 0);
    this.verbose = checkCount(owner, 'verbose', args.verbose ?? 0);
    this.mode = resolveMode(owner, args.mode ?? 'auto', this.monitor);
    if (args.baseline !== undefined && !Number.isFinite(args.baseline)) {
      throw new Error(`${owner}: baseline must be a finite number, got ${String(args.baseline)}`);
    }
    this.baseline = args.baseline;
    this.restoreBestWeights = args.restoreBestWeights ?? false;
    this.reader = new MonitorReader('Early stopping', this.monitor);
  }

  private improves(current: number): boolean {
    return this.mode === 'max' ? current - this.minDelta > this.best : current + this.minDelta < this.best;
  }

  override onTrainBegin(): void {
    this.wait = 0;
    this.stoppedEpoch = 0;
    this.best = this.baseline ?? (this.mode === 'min' ? Infinity : -Infinity);
    this.releaseSnapshot();
    this.reader.reset();
  }

  override onEpochEnd(epoch: number, logs?: Logs): void {
    const current = this.reader.read(logs);
    if (current === undefined) return;
    const model = requireModel('EarlyStopping', this.model);
    if (this.improves(current)) {
      this.best = current;
      this.wait = 0;
      if (this.restoreBestWeights) {
        const snapshot = model.getWeights().map((w) => keep(w));
        this.releaseSnapshot();
        this.bestWeights = snapshot;
      }
      return;
    }
    this.wait++;
    if (this.wait >= this.patience) {
      this.stoppedEpoch = epoch;
      model.stopTraining = true;
      // Without an improvement there is no snapshot (the baseline was never beaten): nothing to restore.
      if (this.restoreBestWeights && this.bestWeights) {
        if (this.verbose > 0) console.log('Restoring model weights from the end of the best epoch');
        model.setWeights(this.bestWeights);
      }
    }
  }

  override onTrainEnd(): void {
    this.releaseSnapshot();
    if (this.stoppedEpoch > 0 && this.verbose > 0) console.log(`Epoch ${String(this.stoppedEpoch + 1).padStart(5, '0')}: early stopping`);
  }

  private releaseSnapshot(): void {
    for (const w of this.bestWeights ?? []) w.dispose();
    this.bestWeights = null;
  }
}
