import { optionKeys } from '@layerwise/data';
import type { Tensor } from '../tensor/tensor.js';
import type { Optimizer } from '../optimizers/optimizer.js';

/** A callback's logs: `loss`, each metric and their `val_` counterparts, by name. */
export type Logs = Record<string, number>;

/** What callbacks may touch on the model being trained. */
export interface CallbackModel {
  /** Set true to end `fit` after the current batch. */
  stopTraining: boolean;
  /** The compiled optimizer (its `learningRate` is what LearningRateScheduler sets). */
  optimizer: Optimizer | null;
  /** Snapshots of every weight. */
  getWeights(): Tensor[];
  /** Restore weights taken with getWeights. */
  setWeights(weights: readonly Tensor[]): void;
  /** Save the model (ModelCheckpoint). */
  save(pathOrHandler: unknown): Promise<unknown>;
  /** Saves only the weights (ModelCheckpoint with saveWeightsOnly); optional. */
  saveWeights?(path: string): Promise<unknown>;
}

/** Hook methods, each optional; a plain object with some of them is accepted as a callback. */
export interface CallbackHooks {
  /** Called once when `fit` starts. */
  onTrainBegin?(logs?: Logs): void | Promise<void>;
  /** Called once when `fit` ends (after the last epoch, or once `stopTraining` is set). */
  onTrainEnd?(logs?: Logs): void | Promise<void>;
  /** Called at the start of each epoch (`epoch` counts from `initialEpoch`). */
  onEpochBegin?(epoch: number, logs?: Logs): void | Promise<void>;
  /** Called at the end of each epoch with its logs: `loss`, the metrics, and `val_*` when validating. */
  onEpochEnd?(epoch: number, logs?: Logs): void | Promise<void>;
  /** Keras 2 `on_batch_begin`: the same as onTrainBatchBegin. */
  onBatchBegin?(batch: number, logs?: Logs): void | Promise<void>;
  /** Keras 2 `on_batch_end`: the same as onTrainBatchEnd. */
  onBatchEnd?(batch: number, logs?: Logs): void | Promise<void>;
  /** Called before each training batch (`batch` counts from 0 within the epoch). */
  onTrainBatchBegin?(batch: number, logs?: Logs): void | Promise<void>;
  /** Called after each training batch with that batch's `loss` and metrics. */
  onTrainBatchEnd?(batch: number, logs?: Logs): void | Promise<void>;
  /** Called when `evaluate` (or the validation pass of `fit`) starts. */
  onTestBegin?(logs?: Logs): void | Promise<void>;
  /** Called when `evaluate` (or the validation pass of `fit`) ends. */
  onTestEnd?(logs?: Logs): void | Promise<void>;
  /** Called before each evaluation batch. */
  onTestBatchBegin?(batch: number, logs?: Logs): void | Promise<void>;
  /** Called after each evaluation batch with its running logs. */
  onTestBatchEnd?(batch: number, logs?: Logs): void | Promise<void>;
  /** Called when `predict` starts. */
  onPredictBegin?(logs?: Logs): void | Promise<void>;
  /** Called when `predict` ends. */
  onPredictEnd?(logs?: Logs): void | Promise<void>;
  /** Called before each `predict` batch. */
  onPredictBatchBegin?(batch: number, logs?: Logs): void | Promise<void>;
  /** Called after each `predict` batch. */
  onPredictBatchEnd?(batch: number, logs?: Logs): void | Promise<void>;
}

/** `params` as Keras sets them: epochs, steps, samples, verbose, doValidation, metrics. */
export interface CallbackParams {
  /** The `epochs` given to fit (the last epoch's index + 1, counted with initialEpoch). */
  epochs: number;
  /** Batches an epoch when known (`stepsPerEpoch`, or the generator's length), else null. */
  steps: number | null;
  /** Samples an epoch when training on arrays, else null. */
  samples: number | null;
  /** The batch size when training on arrays, else null. */
  batchSize: number | null;
  /** fit's `verbose`. */
  verbose: 0 | 1 | 2;
  /** Whether each epoch ends with a validation pass. */
  doValidation: boolean;
  /** The names in the epoch logs: `loss`, the metrics, and their `val_` forms when validating. */
  metrics: string[];
  /** fit's `initialEpoch`. */
  initialEpoch: number;
}

/** Base class with every Keras hook as a no-op. */
export class Callback implements CallbackHooks {
  /** The model being trained, set by `fit` before `onTrainBegin`. */
  model: CallbackModel | null = null;
  /** The run's parameters, set by `fit` before `onTrainBegin`. */
  params: CallbackParams | null = null;

  /** Called by `fit` with the model being trained. */
  setModel(model: CallbackModel): void {
    this.model = model;
  }

  /** Called by `fit` with the run's parameters. */
  setParams(params: CallbackParams): void {
    this.params = params;
  }

  /** Called once when `fit` starts. */
  onTrainBegin(_logs?: Logs): void | Promise<void> {}
  /** Called once when `fit` ends. */
  onTrainEnd(_logs?: Logs): void | Promise<void> {}
  /** Called at the start of each epoch. */
  onEpochBegin(_epoch: number, _logs?: Logs): void | Promise<void> {}
  /** Called at the end of each epoch with its logs. */
  onEpochEnd(_epoch: number, _logs?: Logs): void | Promise<void> {}
  /** Called before each training batch. */
  onBatchBegin(_batch: number, _logs?: Logs): void | Promise<void> {}
  /** Called after each training batch with its logs. */
  onBatchEnd(_batch: number, _logs?: Logs): void | Promise<void> {}
  onTrainBatchBegin(batch: number, logs?: Logs): void | Promise<void> {
    return this.onBatchBegin(batch, logs);
  }
  onTrainBatchEnd(batch: number, logs?: Logs): void | Promise<void> {
    return this.onBatchEnd(batch, logs);
  }
  onTestBegin(_logs?: Logs): void | Promise<void> {}
  onTestEnd(_logs?: Logs): void | Promise<void> {}
  onTestBatchBegin(_batch: number, _logs?: Logs): void | Promise<void> {}
  onTestBatchEnd(_batch: number, _logs?: Logs): void | Promise<void> {}
  onPredictBegin(_logs?: Logs): void | Promise<void> {}
  onPredictEnd(_logs?: Logs): void | Promise<void> {}
  onPredictBatchBegin(_batch: number, _logs?: Logs): void | Promise<void> {}
  onPredictBatchEnd(_batch: number, _logs?: Logs): void | Promise<void> {}
}

type HookName = keyof CallbackHooks;
type HookFn = (...a: unknown[]) => void | Promise<void>;

/** The hook names, in both spellings (Keras's `on_epoch_end` is `onEpochEnd`). */
const HOOKS = optionKeys<CallbackHooks>()([
  'onTrainBegin', 'onTrainEnd', 'onEpochBegin', 'onEpochEnd', 'onBatchBegin', 'onBatchEnd', 'onTrainBatchBegin',
  'onTrainBatchEnd', 'onTestBegin', 'onTestEnd', 'onTestBatchBegin', 'onTestBatchEnd', 'onPredictBegin', 'onPredictEnd',
  'onPredictBatchBegin', 'onPredictBatchEnd',
]);

/** Every property name of `c`, its own and its classes' (up to Callback or Object). */
function propertyNames(c: object): string[] {
  const names = new Set<string>();
  for (let o: object | null = c; o && o !== Callback.prototype && o !== Object.prototype; o = Object.getPrototypeOf(o) as object | null) {
    for (const k of Object.getOwnPropertyNames(o)) names.add(k);
  }
  return [...names];
}

/**
 * The function each hook calls on `c`: its camelCase method, or Keras's snake_case one
 * (`on_epoch_end`) where that is the one `c` defines. `where` names `c` in errors: a hook
 * spelled both ways, or (for a plain object) an `on...` key that names no hook.
 */
function hookTable(c: Callback | CallbackHooks, where: string): Partial<Record<HookName, HookFn>> {
  const table: Partial<Record<HookName, HookFn>> = {};
  const record = c as unknown as Record<string, unknown>;
  for (const name of propertyNames(c)) {
    if (!/^on[A-Z_]/.test(name)) continue;
    const hook = HOOKS.keyOf(name);
    if (hook === undefined) {
      // A Callback subclass may have other methods; a plain object's on... keys are meant as hooks.
      if (!(c instanceof Callback) && typeof record[name] === 'function') HOOKS.read({ [name]: undefined }, where);
      continue;
    }
    if (hook === name || typeof record[name] !== 'function') continue;
    const own = record[hook];
    if (typeof own === 'function' && !(c instanceof Callback && own === (Callback.prototype as unknown as Record<string, unknown>)[hook])) {
      throw new Error(`${where}: '${name}' and '${hook}' name the same hook; give one`);
    }
    table[hook] = record[name] as HookFn;
  }
  for (const hook of HOOKS.keys) {
    const fn = table[hook] ?? record[hook];
    if (typeof fn === 'function') table[hook] = fn as HookFn;
  }
  // Plain objects may use Keras 2's onBatchBegin/End names for training batches.
  if (!(c instanceof Callback)) {
    table.onTrainBatchBegin ??= table.onBatchBegin;
    table.onTrainBatchEnd ??= table.onBatchEnd;
  }
  return table;
}

/** Calls a hook on every callback in order, awaiting each (hooks may be async). */
export class CallbackList {
  private readonly tables: Partial<Record<HookName, HookFn>>[];

  constructor(
    /** The callbacks, in the order their hooks run: Callback instances or plain objects of hooks. */
    readonly callbacks: readonly (Callback | CallbackHooks)[]) {
    this.tables = callbacks.map((c, i) => hookTable(c, `callbacks[${i}]`));
  }

  /** Hand the model to every Callback instance. */
  setModel(model: CallbackModel): void {
    for (const c of this.callbacks) if (c instanceof Callback) c.setModel(model);
  }

  /** Hand the run's parameters to every Callback instance. */
  setParams(params: CallbackParams): void {
    for (const c of this.callbacks) if (c instanceof Callback) c.setParams(params);
  }

  /** Call one hook on every callback in order, awaiting each. */
  async call(hook: HookName, ...args: [number, Logs?] | [Logs?]): Promise<void> {
    for (let i = 0; i < this.callbacks.length; i++) {
      const fn = this.tables[i][hook];
      if (fn) await fn.apply(this.callbacks[i], args);
    }
  }
}

/** What `fit`'s `callbacks` takes: a list, or one callback (tfjs allows that). */
export type CallbacksArg = (Callback | CallbackHooks)[] | Callback | CallbackHooks;

/** The callbacks given to `fit` as a list (one callback becomes a list of one). */
export function callbackArray(callbacks: CallbacksArg | undefined, method: string): (Callback | CallbackHooks)[] {
  if (callbacks === undefined || callbacks === null) return [];
  const list = Array.isArray(callbacks) ? callbacks : [callbacks];
  list.forEach((c, i) => {
    const where = `${method}: ${Array.isArray(callbacks) ? `callbacks[${i}]` : "'callbacks'"}`;
    if (!isCallbackLike(c)) {
      throw new Error(`${where} is not a Callback or an object with hook methods (onEpochEnd, ...), got ${c === null ? 'null' : typeof c}`);
    }
    hookTable(c, where);
  });
  return list;
}

/** Whether `c` is a Callback, or an object with at least one function (a hook) to call. */
export function isCallbackLike(c: unknown): c is Callback | CallbackHooks {
  if (c instanceof Callback) return true;
  if (c === null || typeof c !== 'object') return false;
  return Object.values(c).some((v) => typeof v === 'function');
}
