import { optionKeys } from '@layerwise/data';
import { Callback, type Logs } from './callback.js';
import { kerasArgs } from './keras-args.js';

type Hook<A extends unknown[]> = (...args: A) => void | Promise<void>;

/** The options of `LambdaCallback`. */
export interface LambdaCallbackArgs {
  /** Called at the start of each epoch. */
  onEpochBegin?: Hook<[epoch: number, logs?: Logs]>;
  /** Called at the end of each epoch with its logs. */
  onEpochEnd?: Hook<[epoch: number, logs?: Logs]>;
  /** Called before each training batch. */
  onBatchBegin?: Hook<[batch: number, logs?: Logs]>;
  /** Called after each training batch with its logs. */
  onBatchEnd?: Hook<[batch: number, logs?: Logs]>;
  /** Called once when `fit` starts. */
  onTrainBegin?: Hook<[logs?: Logs]>;
  /** Called once when `fit` ends. */
  onTrainEnd?: Hook<[logs?: Logs]>;
}

const OPTIONS = optionKeys<LambdaCallbackArgs>()([
  'onEpochBegin', 'onEpochEnd', 'onBatchBegin', 'onBatchEnd', 'onTrainBegin', 'onTrainEnd',
]);

/** A callback made of plain functions (Keras 2 LambdaCallback); batch hooks see training batches. */
export class LambdaCallback extends Callback {
  private readonly hooks: LambdaCallbackArgs;

  constructor(args?: LambdaCallbackArgs);
  /** Keras's positional form: `new LambdaCallback(onEpochBegin, onEpochEnd, onBatchBegin, onBatchEnd, onTrainBegin, onTrainEnd)`. */
  constructor(...hooks: (Hook<[epoch: number, logs?: Logs]> | Hook<[logs?: Logs]> | undefined)[]);
  constructor(...given: unknown[]) {
    super();
    const args = kerasArgs<LambdaCallbackArgs>(OPTIONS, 'LambdaCallback', given, OPTIONS.keys);
    for (const [key, fn] of Object.entries(args)) {
      if (fn !== undefined && typeof fn !== 'function') throw new Error(`LambdaCallback: ${key} must be a function, got ${typeof fn}`);
    }
    this.hooks = { ...args };
  }

  override async onEpochBegin(epoch: number, logs?: Logs): Promise<void> {
    await this.hooks.onEpochBegin?.(epoch, logs);
  }

  override async onEpochEnd(epoch: number, logs?: Logs): Promise<void> {
    await this.hooks.onEpochEnd?.(epoch, logs);
  }

  override async onBatchBegin(batch: number, logs?: Logs): Promise<void> {
    await this.hooks.onBatchBegin?.(batch, logs);
  }

  override async onBatchEnd(batch: number, logs?: Logs): Promise<void> {
    await this.hooks.onBatchEnd?.(batch, logs);
  }

  override async onTrainBegin(logs?: Logs): Promise<void> {
    await this.hooks.onTrainBegin?.(logs);
  }

  override async onTrainEnd(logs?: Logs): Promise<void> {
    await this.hooks.onTrainEnd?.(logs);
  }
}
