import { optionKeys } from '@layerwise/data';
import { Callback, type Logs } from './callback.js';
import { checkCount, checkMonitor, MonitorReader, requireModel, resolveMode, type MonitorMode } from './monitor.js';
import { formatFixed, pythonFormat } from './python-format.js';
import { kerasArgs } from './keras-args.js';

/** The options of `ModelCheckpoint`. */
export interface ModelCheckpointArgs {
  /** Where to save; Python format fields are filled from the epoch (1-based) and the logs: 'w.{epoch:02d}-{val_loss:.2f}.h5'. */
  filepath: string;
  /** Log key compared when saveBestOnly. Default 'val_loss'. */
  monitor?: string;
  /** 1 prints each save (or skipped save). Default 0. */
  verbose?: number;
  /** Save only when the monitored value improves on the best so far. Default false. */
  saveBestOnly?: boolean;
  /** Save with the model's `saveWeights` instead of `save`. Default false. */
  saveWeightsOnly?: boolean;
  /** 'auto' (default), 'min' or 'max'. */
  mode?: MonitorMode;
  /** Epochs between checkpoints. Default 1. */
  period?: number;
}

const epochOnly = new Set(['epoch']);

const OPTIONS = optionKeys<ModelCheckpointArgs>()([
  'filepath', 'monitor', 'verbose', 'saveBestOnly', 'saveWeightsOnly', 'mode', 'period',
]);

/** Saves the model (or its weights) after every `period` epochs (Keras 2 ModelCheckpoint). */
export class ModelCheckpoint extends Callback {
  /** Where to save; `{epoch}` and log names (`{val_loss:.2f}`) are filled in as in Keras. */
  readonly filepath: string;
  /** The log watched ('val_loss', 'loss', 'val_accuracy', ...). */
  readonly monitor: string;
  /** 1 prints a line when it acts; 0 is silent. */
  readonly verbose: number;
  /** Save only when the monitored log improves. */
  readonly saveBestOnly: boolean;
  /** Save the weights only, not the whole model. */
  readonly saveWeightsOnly: boolean;
  /** 'min' or 'max': whether the monitored log improves by falling or rising ('auto' resolved from its name). */
  readonly mode: 'min' | 'max';
  /** Epochs between saves. */
  readonly period: number;
  /** Best monitored value so far; like Keras 2 it persists across fit calls. */
  best: number;
  private epochsSinceLastSave = 0;
  private readonly reader: MonitorReader;

  constructor(args: ModelCheckpointArgs);
  /**
   * Keras's positional form, `new ModelCheckpoint(filepath, monitor, verbose, saveBestOnly,
   * saveWeightsOnly, mode, period)`, or `new ModelCheckpoint(filepath, { saveBestOnly: true })`.
   */
  constructor(filepath: string, monitor?: string | Omit<ModelCheckpointArgs, 'filepath'>, verbose?: number, saveBestOnly?: boolean,
    saveWeightsOnly?: boolean, mode?: MonitorMode, period?: number);
  constructor(...given: unknown[]) {
    super();
    const owner = 'ModelCheckpoint';
    const args = kerasArgs<ModelCheckpointArgs>(OPTIONS, owner, given,
      ['filepath', 'monitor', 'verbose', 'saveBestOnly', 'saveWeightsOnly', 'mode', 'period']);
    if (!args || typeof args.filepath !== 'string' || args.filepath === '') {
      throw new Error(`${owner}: filepath must be a non-empty string, got ${JSON.stringify(args?.filepath)}`);
    }
    this.filepath = args.filepath;
    this.monitor = checkMonitor(owner, args.monitor ?? 'val_loss');
    this.verbose = checkCount(owner, 'verbose', args.verbose ?? 0);
    this.saveBestOnly = args.saveBestOnly ?? false;
    this.saveWeightsOnly = args.saveWeightsOnly ?? false;
    this.mode = resolveMode(owner, args.mode ?? 'auto', this.monitor);
    this.period = checkCount(owner, 'period', args.period ?? 1, 1);
    this.best = this.mode === 'min' ? Infinity : -Infinity;
    this.reader = new MonitorReader(owner, this.monitor);
  }

  override onTrainBegin(): void {
    const model = requireModel('ModelCheckpoint', this.model);
    if (this.saveWeightsOnly && typeof model.saveWeights !== 'function') {
      throw new Error('ModelCheckpoint: saveWeightsOnly needs a model with a saveWeights(path) method');
    }
    this.reader.reset();
  }

  override async onEpochEnd(epoch: number, logs: Logs = {}): Promise<void> {
    this.epochsSinceLastSave++;
    if (this.epochsSinceLastSave < this.period) return;
    this.epochsSinceLastSave = 0;
    const filepath = pythonFormat(this.filepath, { ...logs, epoch: epoch + 1 }, epochOnly);
    const tag = `Epoch ${String(epoch + 1).padStart(5, '0')}`;
    if (!this.saveBestOnly) {
      if (this.verbose > 0) console.log(`\n${tag}: saving model to ${filepath}`);
      await this.save(filepath);
      return;
    }
    const current = this.reader.read(logs);
    if (current === undefined) return;
    const improved = this.mode === 'min' ? current < this.best : current > this.best;
    if (!improved) {
      if (this.verbose > 0) console.log(`\n${tag}: ${this.monitor} did not improve from ${formatFixed(this.best, 5)}`);
      return;
    }
    if (this.verbose > 0) {
      console.log(`\n${tag}: ${this.monitor} improved from ${formatFixed(this.best, 5)} to ${formatFixed(current, 5)}, saving model to ${filepath}`);
    }
    this.best = current;
    await this.save(filepath);
  }

  private async save(filepath: string): Promise<void> {
    const model = requireModel('ModelCheckpoint', this.model);
    if (!this.saveWeightsOnly) {
      await model.save(filepath);
      return;
    }
    if (typeof model.saveWeights !== 'function') {
      throw new Error('ModelCheckpoint: saveWeightsOnly needs a model with a saveWeights(path) method');
    }
    await model.saveWeights(filepath);
  }
}
